using System.Threading.Channels;
using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// The bounded hand-over between the audio source and the decoder. A live source is never held up: when
/// the queue is full its oldest frame is dropped, counted and reported. Any other source waits for room.
/// </summary>
internal sealed partial class AudioFrameQueue : IAudioFrameSink
{
    /// <summary>Drops are reported at most this often, so a long overload does not flood the log.</summary>
    private static readonly TimeSpan DropReportInterval = TimeSpan.FromSeconds(5);

    private readonly Channel<AudioFrame> channel;
    private readonly PipelineMetrics metrics;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly Lock dropLock = new();
    private long unreportedDroppedSamples;
    private long lastDropReport = long.MinValue;

    public AudioFrameQueue(int capacity, bool dropOldestWhenFull, PipelineMetrics metrics, TimeProvider timeProvider, ILogger logger)
    {
        this.metrics = metrics;
        this.timeProvider = timeProvider;
        this.logger = logger;
        var options = new BoundedChannelOptions(capacity)
        {
            FullMode = dropOldestWhenFull ? BoundedChannelFullMode.DropOldest : BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        };
        channel = dropOldestWhenFull
            ? Channel.CreateBounded<AudioFrame>(options, OnDropped)
            : Channel.CreateBounded<AudioFrame>(options);
    }

    /// <summary>Read in place of a frame where the source lost its input (<see cref="InputLostAsync"/>); it holds no audio.</summary>
    public static AudioFrame InputLost { get; } = new(ReadOnlyMemory<float>.Empty, -1);

    public ChannelReader<AudioFrame> Reader => channel.Reader;

    public async ValueTask WriteAsync(AudioFrame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        await channel.Writer.WriteAsync(frame, cancellationToken);
        metrics.FrameReceived(frame.EndSample, timeProvider.GetTimestamp(), channel.Reader.Count);
    }

    /// <summary>Queues <see cref="InputLost"/> behind the frames before it.</summary>
    public ValueTask InputLostAsync(CancellationToken cancellationToken) => channel.Writer.WriteAsync(InputLost, cancellationToken);

    /// <summary>No more frames will come; the decoder drains what is queued and finishes.</summary>
    public void Complete()
    {
        channel.Writer.TryComplete();
        ReportDrops(force: true);
    }

    private void OnDropped(AudioFrame frame)
    {
        metrics.AddDroppedSamples(frame.Samples.Length);
        lock (dropLock)
        {
            unreportedDroppedSamples += frame.Samples.Length;
        }

        ReportDrops(force: false);
    }

    private void ReportDrops(bool force)
    {
        long droppedMs;
        lock (dropLock)
        {
            var now = timeProvider.GetTimestamp();
            var due = lastDropReport == long.MinValue || timeProvider.GetElapsedTime(lastDropReport, now) >= DropReportInterval;
            if (unreportedDroppedSamples == 0 || !(force || due))
            {
                return;
            }

            droppedMs = unreportedDroppedSamples / AudioFrame.SamplesPerMillisecond;
            unreportedDroppedSamples = 0;
            lastDropReport = now;
        }

        Log.AudioDropped(logger, droppedMs, metrics.DroppedAudioMs, channel.Reader.Count);
    }

    private static partial class Log
    {
        [LoggerMessage(1601, LogLevel.Warning, "Transcription is falling behind the audio: dropped the oldest {DroppedMs} ms of queued audio ({TotalDroppedMs} ms in all, {QueuedFrames} frames queued)")]
        public static partial void AudioDropped(ILogger logger, long droppedMs, long totalDroppedMs, int queuedFrames);
    }
}
