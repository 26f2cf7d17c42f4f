namespace LiveStt.Appliance.Audio;

/// <summary>
/// Plays a WAV file as 16 kHz mono frames, in real time (standing in for a live input) or as fast as
/// the pipeline takes them, once or in a loop.
/// </summary>
internal sealed partial class WavFileAudioSource : IAudioSource
{
    private readonly string path;
    private readonly bool loop;
    private readonly AudioChannel channel;
    private readonly AudioPacing pacing;
    private readonly int frameMs;
    private readonly int frameSamples;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<WavFileAudioSource> logger;
    private readonly AudioInputMonitor monitor;

    public WavFileAudioSource(string path, bool loop, AudioChannel channel, AudioPacing pacing, int frameMs, TimeProvider timeProvider, ILogger<WavFileAudioSource> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameMs);
        this.path = path;
        this.loop = loop;
        this.channel = channel;
        this.pacing = pacing;
        this.frameMs = frameMs;
        frameSamples = frameMs * AudioFrame.SamplesPerMillisecond;
        this.timeProvider = timeProvider;
        this.logger = logger;
        monitor = new AudioInputMonitor(AudioOptions.WavSource, path);
    }

    public string Description => $"wav:{path}";

    public bool IsLive => pacing == AudioPacing.RealTime;

    public AudioInputStatus Status => monitor.Snapshot();

    public async Task RunAsync(IAudioFrameSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        try
        {
            await PlayAsync(sink, cancellationToken);
        }
        finally
        {
            monitor.Stopped();
        }
    }

    private async Task PlayAsync(IAudioFrameSink sink, CancellationToken cancellationToken)
    {
        using var reader = OpenReader();
        var format = reader.Format;
        Log.Playing(logger, path, format.ToString(), reader.FrameCount * 1000 / format.SampleRate, format.Channels == 2 ? channel : AudioChannel.Mix, loop, pacing);
        monitor.Receiving();

        var resampler = new WindowedSincResampler(format.SampleRate, AudioFrame.SampleRate);
        var input = new float[Math.Max(256, format.SampleRate * frameMs / 1000)];
        var converted = new float[resampler.GetMaxOutputLength(input.Length)];
        var started = timeProvider.GetTimestamp();
        var framer = new AudioFramer(frameSamples, sink, monitor)
        {
            BeforeDelivery = pacing == AudioPacing.RealTime ? (end, token) => WaitUntilRecordedAsync(started, end, token) : null,
        };
        var samplesThisPass = 0L;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = Read(reader, input);
            if (read > 0)
            {
                samplesThisPass += read;
                var produced = resampler.Process(input.AsSpan(0, read), converted);
                await framer.AddAsync(converted.AsMemory(0, produced), cancellationToken);
                continue;
            }

            if (samplesThisPass == 0)
            {
                throw new AudioSourceException($"'{path}' holds no audio: its data chunk is empty.");
            }

            if (loop)
            {
                // The resampler runs on across the seam, so looped audio stays one continuous stream.
                reader.Rewind();
                samplesThisPass = 0;
                continue;
            }

            var tail = resampler.Flush(converted);
            await framer.AddAsync(converted.AsMemory(0, tail), cancellationToken);
            await framer.FlushAsync(cancellationToken);
            Log.Finished(logger, path, framer.NextStartSample / AudioFrame.SamplesPerMillisecond);
            return;
        }
    }

    /// <summary>A live input hands over a frame once it has been recorded, i.e. at the frame's end.</summary>
    private async ValueTask WaitUntilRecordedAsync(long started, long endSample, CancellationToken cancellationToken)
    {
        var due = TimeSpan.FromMilliseconds(endSample / (double)AudioFrame.SamplesPerMillisecond);
        var wait = due - timeProvider.GetElapsedTime(started);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }

    private WavReader OpenReader()
    {
        try
        {
            return WavReader.Open(path, channel);
        }
        catch (WavFormatException ex)
        {
            throw new AudioSourceException($"'{path}' cannot be played: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AudioSourceException($"'{path}' cannot be opened: {ex.Message}", ex);
        }
    }

    private int Read(WavReader reader, float[] input)
    {
        try
        {
            return reader.ReadMono(input);
        }
        catch (WavFormatException ex)
        {
            throw new AudioSourceException($"'{path}' cannot be played: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new AudioSourceException($"'{path}' could not be read: {ex.Message}", ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1501, LogLevel.Information, "Playing {Path}: {Format}, {DurationMs} ms, channel {Channel}, loop {Loop}, pacing {Pacing}")]
        public static partial void Playing(ILogger logger, string path, string format, long durationMs, AudioChannel channel, bool loop, AudioPacing pacing);

        [LoggerMessage(1502, LogLevel.Information, "Finished playing {Path} after {PlayedMs} ms of audio")]
        public static partial void Finished(ILogger logger, string path, long playedMs);
    }
}
