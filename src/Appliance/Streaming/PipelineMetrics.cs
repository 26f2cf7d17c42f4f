namespace LiveStt.Appliance.Streaming;

/// <summary>Counters the pipeline updates and the session snapshot reads, from different threads.</summary>
internal sealed class PipelineMetrics
{
    /// <summary>Decode times kept for the percentiles: the last few minutes at one decode a second.</summary>
    private const int DecodeHistory = 256;

    private readonly Lock decodeGate = new();
    private readonly double[] decodeMs = new double[DecodeHistory];
    private long decodes;
    private long decodeFailures;
    private string? lastDecodeError;
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

    /// <summary>whisper decodes run this session.</summary>
    public long Decodes => Interlocked.Read(ref decodes);

    /// <summary>whisper decodes that failed this session (each one's window was decoded again at the next step).</summary>
    public long DecodeFailures => Interlocked.Read(ref decodeFailures);

    /// <summary>Why the latest failed decode failed; null before any failed.</summary>
    public string? LastDecodeError => Volatile.Read(ref lastDecodeError);

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

    /// <summary>
    /// A new run of the session's pipeline (after a pause) counts its audio from zero again: its positions start over,
    /// and until its first frame the audio counts as not arriving. The session's totals go on.
    /// </summary>
    public void RunStarted()
    {
        Interlocked.Exchange(ref receivedEndSample, 0);
        Interlocked.Exchange(ref decodedEndSample, 0);
        Interlocked.Exchange(ref lastFrameTimestamp, long.MinValue);
    }

    /// <summary>Counts a whisper decode and remembers how long it took.</summary>
    public void DecodeFinished(TimeSpan elapsed)
    {
        lock (decodeGate)
        {
            decodeMs[decodes % DecodeHistory] = elapsed.TotalMilliseconds;
            Interlocked.Increment(ref decodes);
        }
    }

    /// <summary>The median and 95th percentile of the recent decodes' times (ms); nulls before the first decode.</summary>
    public (double? P50, double? P95) DecodeTimePercentiles()
    {
        double[] recent;
        lock (decodeGate)
        {
            recent = decodeMs.AsSpan(0, (int)Math.Min(decodes, DecodeHistory)).ToArray();
        }

        if (recent.Length == 0)
        {
            return (null, null);
        }

        Array.Sort(recent);
        return (Percentile(recent, 0.50), Percentile(recent, 0.95));
    }

    /// <summary>Counts a decode that failed, and keeps its reason for status.</summary>
    public void DecodeFailed(string reason)
    {
        Volatile.Write(ref lastDecodeError, reason);
        Interlocked.Increment(ref decodeFailures);
    }

    public void AddDroppedSamples(long samples) => Interlocked.Add(ref droppedSamples, samples);

    public void LineCommitted() => Interlocked.Increment(ref committedLines);

    /// <summary>Counts the lines a session committed before the appliance was cut off, when it goes on with it.</summary>
    public void LinesRestored(long count) => Interlocked.Add(ref committedLines, count);

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double fraction) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)], 1);
}
