using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Speech;

/// <summary>
/// Tells the caption pipeline where speech is, from the voice-activity model's 32 ms scores: an utterance starts
/// after <see cref="VoiceActivityOptions.MinSpeechMs"/> of speech and ends after a pause of the given length, and
/// the speech heard is remembered as intervals so text can be checked against it. Fed audio as it arrives, in any
/// chunking; used from the decode loop only, except <see cref="InSpeech"/> and <see cref="LastProbability"/>.
/// </summary>
/// <remarks>Without a detector (voice-activity detection off) all audio counts as speech and no utterance ends.</remarks>
internal sealed class SpeechGate : IDisposable
{
    /// <summary>Silero's own rule: speech goes on while chunks score above the threshold less this.</summary>
    private const float HysteresisMargin = 0.15f;

    /// <summary>Speech intervals remembered; more than a 30 s window ever holds.</summary>
    private const int MaxIntervals = 128;

    private readonly IVoiceActivityDetector? detector;
    private readonly float threshold;
    private readonly float endThreshold;
    private readonly long minSpeechSamples;
    private readonly long minSilenceSamples;
    private readonly int chunkSamples;
    private readonly float[] pending;
    private readonly float[] scores;
    private readonly List<(long Start, long End)> intervals = [];
    private int pendingCount;
    private long pendingStart;
    private long candidateStart = -1;
    private bool inSpeech;
    private long speechStart;
    private long quietSamples;
    private float lastProbability;

    public SpeechGate(IVoiceActivityDetector? detector, VoiceActivityOptions options, int minSilenceMs)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.detector = detector;
        threshold = (float)options.Threshold;
        endThreshold = threshold - HysteresisMargin;
        minSpeechSamples = (long)options.MinSpeechMs * AudioFrame.SamplesPerMillisecond;
        minSilenceSamples = (long)minSilenceMs * AudioFrame.SamplesPerMillisecond;
        PrerollSamples = (long)options.PrerollMs * AudioFrame.SamplesPerMillisecond;
        chunkSamples = detector?.ChunkSamples ?? 512;
        pending = new float[chunkSamples * 32];
        scores = new float[pending.Length / chunkSamples];
    }

    /// <summary>The model's name; null when voice-activity detection is off.</summary>
    public string? ModelName => detector?.ModelName;

    /// <summary>Audio kept in front of speech when it starts.</summary>
    public long PrerollSamples { get; }

    /// <summary>Inside an utterance: speech started, and no pause long enough has ended it yet.</summary>
    public bool InSpeech => Volatile.Read(ref inSpeech);

    /// <summary>The latest chunk's speech probability.</summary>
    public float LastProbability => Volatile.Read(ref lastProbability);

    /// <summary>End (exclusive sample position) of the last chunk that belonged to speech; -1 before any.</summary>
    public long LastSpeechEndSample { get; private set; } = -1;

    /// <summary>Where the utterance under way started; null between utterances.</summary>
    public long? CurrentSpeechStartSample => inSpeech ? speechStart : null;

    /// <summary>The finished utterances remembered, oldest first: where each one's speech started and stopped.</summary>
    public IReadOnlyList<(long Start, long End)> SpeechIntervals => intervals;

    /// <summary>Whether speech was heard at or after <paramref name="sample"/>, or is going on.</summary>
    public bool HasSpeechSince(long sample) => inSpeech || LastSpeechEndSample > sample;

    /// <summary>Whether any speech was heard between the two positions, each widened by <paramref name="margin"/> samples.</summary>
    public bool HeardSpeechBetween(long startSample, long endSample, long margin)
    {
        var from = startSample - margin;
        var to = endSample + margin;
        if (inSpeech && speechStart < to)
        {
            return true;
        }

        foreach (var (start, end) in intervals)
        {
            if (start < to && end > from)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Starts over at <paramref name="position"/>, e.g. after a gap in the audio; an utterance under way ends where its speech did.</summary>
    public void Reset(long position)
    {
        if (inSpeech)
        {
            Remember(speechStart, Math.Max(speechStart, LastSpeechEndSample));
        }

        pendingCount = 0;
        pendingStart = position;
        candidateStart = -1;
        Volatile.Write(ref inSpeech, false);
        quietSamples = 0;
        detector?.Reset();
    }

    /// <summary>Takes the next samples; adds to <paramref name="utteranceEnds"/> the position where each finished utterance's speech stopped.</summary>
    public void Process(ReadOnlySpan<float> samples, List<long> utteranceEnds)
    {
        ArgumentNullException.ThrowIfNull(utteranceEnds);
        while (!samples.IsEmpty)
        {
            var take = Math.Min(samples.Length, pending.Length - pendingCount);
            samples[..take].CopyTo(pending.AsSpan(pendingCount));
            pendingCount += take;
            samples = samples[take..];

            var chunks = pendingCount / chunkSamples;
            if (chunks == 0)
            {
                continue;
            }

            var scored = scores.AsSpan(0, chunks);
            if (detector is null)
            {
                scored.Fill(1f);
            }
            else
            {
                detector.Score(pending.AsSpan(0, chunks * chunkSamples), scored);
            }

            for (var i = 0; i < chunks; i++)
            {
                Classify(pendingStart + ((long)i * chunkSamples), scored[i], utteranceEnds);
            }

            var used = chunks * chunkSamples;
            pending.AsSpan(used, pendingCount - used).CopyTo(pending);
            pendingCount -= used;
            pendingStart += used;
        }
    }

    public void Dispose() => detector?.Dispose();

    private void Classify(long chunkStart, float probability, List<long> utteranceEnds)
    {
        Volatile.Write(ref lastProbability, probability);
        var chunkEnd = chunkStart + chunkSamples;
        if (!inSpeech)
        {
            if (probability < threshold)
            {
                candidateStart = -1;
                return;
            }

            if (candidateStart < 0)
            {
                candidateStart = chunkStart;
            }

            if (chunkEnd - candidateStart >= minSpeechSamples)
            {
                speechStart = candidateStart;
                candidateStart = -1;
                quietSamples = 0;
                LastSpeechEndSample = chunkEnd;
                Volatile.Write(ref inSpeech, true);
            }

            return;
        }

        if (probability >= endThreshold)
        {
            quietSamples = 0;
            LastSpeechEndSample = chunkEnd;
            return;
        }

        quietSamples += chunkSamples;
        if (quietSamples >= minSilenceSamples)
        {
            Volatile.Write(ref inSpeech, false);
            quietSamples = 0;
            Remember(speechStart, LastSpeechEndSample);
            utteranceEnds.Add(LastSpeechEndSample);
        }
    }

    private void Remember(long start, long end)
    {
        if (intervals.Count == MaxIntervals)
        {
            intervals.RemoveAt(0);
        }

        intervals.Add((start, end));
    }
}
