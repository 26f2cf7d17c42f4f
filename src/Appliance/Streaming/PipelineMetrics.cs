namespace LiveStt.Appliance.Streaming;

/// <summary>Counters the pipeline updates and the session snapshot reads, from different threads.</summary>
internal sealed class PipelineMetrics
{
    private long receivedEndSample;
    private long decodedEndSample;
    private long droppedSamples;
    private long committedLines;
    private long lastFrameTimestamp = long.MinValue;
    private int peakQueuedFrames;

    /// <summary>Session position just past the newest audio the source delivered.</summary>
    public long ReceivedEndSample => Interlocked.Read(ref receivedEndSample);

    /// <summary>Session position just past the audio covered by the latest decode (or skipped as silence).</summary>
    public long DecodedEndSample => Interlocked.Read(ref decodedEndSample);

    /// <summary>Audio that never reached whisper because it fell behind.</summary>
    public long DroppedAudioMs => Interlocked.Read(ref droppedSamples) / Audio.AudioFrame.SamplesPerMillisecond;

    public long CommittedLines => Interlocked.Read(ref committedLines);

    /// <summary><see cref="TimeProvider.GetTimestamp"/> when the last frame arrived; <see cref="long.MinValue"/> before any.</summary>
    public long LastFrameTimestamp => Interlocked.Read(ref lastFrameTimestamp);

    /// <summary>Most frames seen waiting in the queue at once.</summary>
    public int PeakQueuedFrames => Volatile.Read(ref peakQueuedFrames);

    /// <summary>How far decoding trails the audio that has arrived.</summary>
    public long LagMs => Math.Max(0, ReceivedEndSample - DecodedEndSample) / Audio.AudioFrame.SamplesPerMillisecond;

    public void FrameReceived(long endSample, long timestamp, int queuedFrames)
    {
        Interlocked.Exchange(ref receivedEndSample, endSample);
        Interlocked.Exchange(ref lastFrameTimestamp, timestamp);
        int peak;
        while (queuedFrames > (peak = Volatile.Read(ref peakQueuedFrames))
            && Interlocked.CompareExchange(ref peakQueuedFrames, queuedFrames, peak) != peak)
        {
        }
    }

    public void Decoded(long endSample) => Interlocked.Exchange(ref decodedEndSample, endSample);

    public void AddDroppedSamples(long samples) => Interlocked.Add(ref droppedSamples, samples);

    public void LineCommitted() => Interlocked.Increment(ref committedLines);
}
