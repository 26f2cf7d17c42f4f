using System.Threading.Channels;
using NAudio.Wave;

namespace LiveStt.Appliance.Audio;

/// <summary>
/// A live input (a capture device, a network stream) that keeps listening through faults. Each connection is a
/// new <see cref="ILiveCapture"/>; when it cannot be opened, ends, fails or delivers nothing for the stall timeout,
/// the source reports "no audio" with the reason, waits (<see cref="ReconnectBackoff"/>) and tries again, for as long
/// as the session runs. The audio clock moves on by the time the input was gone, so the gap reaches the pipeline
/// and is counted; the session never faults because of its input.
/// </summary>
internal sealed partial class LiveAudioSource : IAudioSource
{
    /// <summary>Captured blocks held between the capture thread and the framing; about a second of audio.</summary>
    private const int CapturedBlockCapacity = 64;

    /// <summary>How long a new connection may take to deliver its first audio (a stream is probed first), at the least.</summary>
    private static readonly TimeSpan FirstAudioTimeout = TimeSpan.FromSeconds(10);

    private readonly Func<ILiveCapture> createCapture;
    private readonly AudioChannel channel;
    private readonly int frameSamples;
    private readonly TimeSpan stallTimeout;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly AudioInputMonitor monitor;
    private readonly ReconnectBackoff backoff;
    private long lastAudioTimestamp = long.MinValue;

    /// <summary>Whether the connection under way has delivered audio, so that its loss is worth telling the sink.</summary>
    private bool delivered;

    /// <summary>Bytes the capture thread could not hand over since its last block that got through; that thread's alone.</summary>
    private long droppedBytes;

    /// <param name="isLive">
    /// False only for an input that is not clocked (ALSA's file plugin replaying a recording): it is then read as fast
    /// as the pipeline takes it, and outages do not count as gaps in time.
    /// </param>
    public LiveAudioSource(
        string kind,
        string description,
        Func<ILiveCapture> createCapture,
        AudioChannel channel,
        int frameMs,
        TimeSpan stallTimeout,
        bool isLive,
        TimeProvider timeProvider,
        ILogger logger,
        ReconnectBackoff? backoff = null)
    {
        Description = $"{kind}:{description}";
        this.createCapture = createCapture;
        this.channel = channel;
        frameSamples = frameMs * AudioFrame.SamplesPerMillisecond;
        this.stallTimeout = stallTimeout;
        IsLive = isLive;
        this.timeProvider = timeProvider;
        this.logger = logger;
        monitor = new AudioInputMonitor(kind, description);
        this.backoff = backoff ?? ReconnectBackoff.Default;
    }

    public string Description { get; }

    public bool IsLive { get; }

    public AudioInputStatus Status => monitor.Snapshot();

    public async Task RunAsync(IAudioFrameSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var framer = new AudioFramer(frameSamples, sink, monitor);
        try
        {
            while (true)
            {
                monitor.Connecting();
                var reason = await CaptureAsync(framer, cancellationToken);
                await framer.FlushAsync(cancellationToken);
                if (delivered)
                {
                    delivered = false;
                    await sink.InputLostAsync(cancellationToken);
                }

                monitor.NoAudio(reason);
                var delay = backoff.Next();
                Log.NoAudio(logger, Description, reason, delay.TotalSeconds);
                await Task.Delay(delay, timeProvider, cancellationToken);
                monitor.CountReconnect();
            }
        }
        finally
        {
            monitor.Stopped();
        }
    }

    /// <summary>One connection, until it is lost: returns why.</summary>
    private async Task<string> CaptureAsync(AudioFramer framer, CancellationToken cancellationToken)
    {
        // Full means wait, for an unclocked input; a live one never waits: it counts what TryWrite could not hand over.
        var blocks = Channel.CreateBounded<CapturedBlock>(new BoundedChannelOptions(CapturedBlockCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
        Exception? stoppedBy = null;
        droppedBytes = 0;
        using var capture = createCapture();
        capture.DataAvailable += (_, captured) => Accept(blocks.Writer, captured, cancellationToken);
        capture.RecordingStopped += (_, stopped) =>
        {
            stoppedBy = stopped.Exception;
            blocks.Writer.TryComplete();
        };

        try
        {
            try
            {
                capture.StartRecording();
            }
            catch (AudioSourceException ex)
            {
                return ex.Message;
            }

            return await ReceiveAsync(blocks.Reader, new CaptureConverter(capture.WaveFormat, channel), framer, () => stoppedBy, cancellationToken);
        }
        finally
        {
            // Completing first releases a capture thread that waits for room, so that stopping cannot hang.
            blocks.Writer.TryComplete();
            capture.StopRecording();
            monitor.AddOverruns(capture.Overruns);
        }
    }

    private async Task<string> ReceiveAsync(ChannelReader<CapturedBlock> blocks, CaptureConverter converter, AudioFramer framer, Func<Exception?> stoppedBy, CancellationToken cancellationToken)
    {
        var receiving = false;
        while (true)
        {
            var timeout = receiving || stallTimeout > FirstAudioTimeout ? stallTimeout : FirstAudioTimeout;
            using (var stall = new CancellationTokenSource(timeout, timeProvider))
            using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token))
            {
                try
                {
                    if (!await blocks.WaitToReadAsync(waiting.Token))
                    {
                        return stoppedBy()?.Message ?? "The input ended.";
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return receiving
                        ? $"No audio arrived for {timeout.TotalSeconds:0.#} s."
                        : $"No audio arrived within {timeout.TotalSeconds:0.#} s of opening it.";
                }
            }

            while (blocks.TryRead(out var block))
            {
                if (block.DroppedBytesBefore > 0)
                {
                    // Blocks the capture could not hand over (the framing fell a second behind) are audio lost.
                    var lost = converter.SamplesFor(block.DroppedBytesBefore);
                    await framer.SkipAsync(lost, cancellationToken);
                    monitor.AddGap(lost / AudioFrame.SamplesPerMillisecond);
                }

                var samples = converter.Convert(block.Bytes);
                if (!receiving)
                {
                    receiving = true;
                    await ResumeAsync(framer, samples.Length, cancellationToken);
                }

                lastAudioTimestamp = timeProvider.GetTimestamp();
                await framer.AddAsync(samples, cancellationToken);
            }
        }
    }

    /// <summary>The first audio of a connection: after an outage of a live input, the clock moves on by its length.</summary>
    private async ValueTask ResumeAsync(AudioFramer framer, int firstBlockSamples, CancellationToken cancellationToken)
    {
        if (IsLive && lastAudioTimestamp != long.MinValue)
        {
            var outage = timeProvider.GetElapsedTime(lastAudioTimestamp);
            var gapSamples = Math.Max(0, (long)(outage.TotalSeconds * AudioFrame.SampleRate) - firstBlockSamples);
            await framer.SkipAsync(gapSamples, cancellationToken);
            monitor.AddGap(gapSamples / AudioFrame.SamplesPerMillisecond);
            Log.Resumed(logger, Description, gapSamples / AudioFrame.SamplesPerMillisecond);
        }
        else
        {
            Log.Receiving(logger, Description);
        }

        monitor.Receiving();
        delivered = true;
        backoff.Reset();
    }

    /// <summary>On the capture's thread: keeps a copy of the block; a live input never waits, an unclocked one does.</summary>
    private void Accept(ChannelWriter<CapturedBlock> blocks, WaveInEventArgs captured, CancellationToken cancellationToken)
    {
        var block = new CapturedBlock(captured.Buffer.AsSpan(0, captured.BytesRecorded).ToArray(), droppedBytes);
        if (IsLive)
        {
            droppedBytes = blocks.TryWrite(block) ? 0 : droppedBytes + block.Bytes.Length;
            return;
        }

        try
        {
            blocks.WriteAsync(block, cancellationToken).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException)
        {
            // The connection is being closed; the block is no longer wanted.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1530, LogLevel.Warning, "No audio from {Source}: {Reason} Trying again in {DelaySeconds} s")]
        public static partial void NoAudio(ILogger logger, string source, string reason, double delaySeconds);

        [LoggerMessage(1531, LogLevel.Information, "Receiving audio from {Source}")]
        public static partial void Receiving(ILogger logger, string source);

        [LoggerMessage(1532, LogLevel.Information, "Receiving audio from {Source} again after {GapMs} ms without it")]
        public static partial void Resumed(ILogger logger, string source, long gapMs);
    }

    /// <param name="DroppedBytesBefore">Audio the capture could not hand over just before this block.</param>
    private readonly record struct CapturedBlock(byte[] Bytes, long DroppedBytesBefore);
}
