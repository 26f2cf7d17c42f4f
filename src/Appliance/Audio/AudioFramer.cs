namespace LiveStt.Appliance.Audio;

/// <summary>
/// Cuts a source's 16 kHz mono audio into frames of a fixed length, places them on the session's audio clock,
/// meters them for the input status and hands them to the sink. A gap (audio that never arrived) moves the clock on.
/// </summary>
internal sealed class AudioFramer(int frameSamples, IAudioFrameSink sink, AudioInputMonitor monitor)
{
    private float[] pending = new float[frameSamples];
    private int pendingCount;

    /// <summary>Session position of the next sample; also the audio delivered so far, plus the gaps.</summary>
    public long NextStartSample { get; private set; }

    /// <summary>Runs before each frame is handed over, with the position just past it: a file source waits here to keep real time.</summary>
    public Func<long, CancellationToken, ValueTask>? BeforeDelivery { get; init; }

    public async ValueTask AddAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken)
    {
        var offset = 0;
        while (offset < samples.Length)
        {
            var take = Math.Min(samples.Length - offset, pending.Length - pendingCount);
            samples.Span.Slice(offset, take).CopyTo(pending.AsSpan(pendingCount));
            pendingCount += take;
            offset += take;
            if (pendingCount == pending.Length)
            {
                await DeliverAsync(cancellationToken);
            }
        }
    }

    /// <summary>Hands over a last, shorter frame with what is pending.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (pendingCount > 0)
        {
            Array.Resize(ref pending, pendingCount);
            await DeliverAsync(cancellationToken);
        }
    }

    /// <summary>Moves the clock past audio that never arrived; what is pending is handed over first.</summary>
    public async ValueTask SkipAsync(long samples, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        NextStartSample += samples;
    }

    private async ValueTask DeliverAsync(CancellationToken cancellationToken)
    {
        var frame = new AudioFrame(pending, NextStartSample);
        NextStartSample += pendingCount;
        pending = new float[frameSamples];
        pendingCount = 0;
        if (BeforeDelivery is not null)
        {
            await BeforeDelivery(NextStartSample, cancellationToken);
        }

        monitor.Measure(frame.Samples.Span);
        await sink.WriteAsync(frame, cancellationToken);
    }
}
