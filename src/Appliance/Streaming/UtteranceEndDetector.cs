using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// Finds where utterances end from the signal's energy alone: speech is a run of 20 ms blocks louder
/// than a threshold, and an utterance ends once a set length of quieter blocks follows it. It stands in
/// until a voice-activity model arrives, and is fed audio as it arrives, in any chunking.
/// </summary>
/// <remarks>
/// A sound desk's feed is seldom silent between sentences: hiss, the room and the crowd sit well above
/// any fixed silence level. So the threshold rises with the noise floor, estimated as a low percentile of
/// the recent block levels (the gaps between words), plus a margin.
/// </remarks>
internal sealed class UtteranceEndDetector
{
    public const int BlockSamples = 320;

    /// <summary>Loud blocks in a row that count as speech; a lone click or pop does not.</summary>
    private const int MinSpeechBlocks = 3;

    /// <summary>The noise floor is estimated over this many recent blocks (10 s).</summary>
    private const int FloorHistoryBlocks = 500;

    /// <summary>How often the floor is estimated again (0.5 s), and the least history it needs.</summary>
    private const int FloorUpdateBlocks = 25;

    /// <summary>The share of recent blocks taken to be background, not speech.</summary>
    private const double FloorPercentile = 0.10;

    /// <summary>
    /// The highest noise floor believed (-35 dBFS): anything steadier and louder, a held note or a test
    /// tone, is signal rather than background.
    /// </summary>
    private static readonly double MaxFloorPower = Math.Pow(10, -35.0 / 10);

    private readonly double fixedThresholdPower;
    private readonly double noiseMarginFactor;
    private readonly double[] recentPowers = new double[FloorHistoryBlocks];
    private readonly double[] sortScratch = new double[FloorHistoryBlocks];
    private int recentCount;
    private int recentNext;
    private int blocksSinceFloorUpdate;
    private double thresholdPower;
    private readonly int silenceBlocksToEnd;
    private readonly float[] block = new float[BlockSamples];
    private int blockCount;
    private long blockStart;
    private int loudRun;
    private int quietRun;
    private bool inUtterance;

    /// <param name="silenceThresholdDbfs">Blocks below this level are quiet, whatever the noise floor.</param>
    /// <param name="minSilenceMs">Quiet this long after speech ends an utterance.</param>
    /// <param name="noiseMarginDb">Blocks less than this far above the noise floor are quiet too; 0 turns the floor off.</param>
    public UtteranceEndDetector(double silenceThresholdDbfs, int minSilenceMs, double noiseMarginDb = 0)
    {
        // A block's level is the mean square of its samples in dB, full-scale DC being 0 dBFS.
        fixedThresholdPower = Math.Pow(10, silenceThresholdDbfs / 10);
        thresholdPower = fixedThresholdPower;
        noiseMarginFactor = noiseMarginDb > 0 ? Math.Pow(10, noiseMarginDb / 10) : 0;
        silenceBlocksToEnd = Math.Max(1, (int)Math.Ceiling((double)minSilenceMs * AudioFrame.SamplesPerMillisecond / BlockSamples));
    }

    /// <summary>End (exclusive sample position) of the last block that belonged to speech; -1 before any.</summary>
    public long LastSpeechEndSample { get; private set; } = -1;

    /// <summary>True while inside an utterance (speech heard, and not yet a long enough pause).</summary>
    public bool InUtterance => inUtterance;

    /// <summary>The level (dBFS) a block must reach to count as speech, as it stands now.</summary>
    public double ThresholdDbfs => 10 * Math.Log10(thresholdPower);

    /// <summary>Whether speech was heard at or after <paramref name="sample"/>, or is going on.</summary>
    public bool HasSpeechSince(long sample) => inUtterance || LastSpeechEndSample > sample;

    /// <summary>Restarts at <paramref name="position"/>, e.g. after a gap in the audio.</summary>
    public void Reset(long position)
    {
        blockCount = 0;
        blockStart = position;
        loudRun = 0;
        quietRun = 0;
        inUtterance = false;
    }

    /// <summary>Takes the next samples; adds to <paramref name="utteranceEnds"/> the sample position where each finished utterance's speech stopped.</summary>
    public void Process(ReadOnlySpan<float> samples, List<long> utteranceEnds)
    {
        ArgumentNullException.ThrowIfNull(utteranceEnds);
        while (!samples.IsEmpty)
        {
            var take = Math.Min(samples.Length, BlockSamples - blockCount);
            samples[..take].CopyTo(block.AsSpan(blockCount));
            blockCount += take;
            samples = samples[take..];
            if (blockCount == BlockSamples)
            {
                Classify(utteranceEnds);
                blockStart += BlockSamples;
                blockCount = 0;
            }
        }
    }

    private void Classify(List<long> utteranceEnds)
    {
        var power = 0.0;
        foreach (var sample in block)
        {
            power += (double)sample * sample;
        }

        power /= BlockSamples;
        TrackNoiseFloor(power);
        if (noiseMarginFactor > 0 && recentCount < FloorUpdateBlocks)
        {
            // Until the floor is first estimated, background noise could pass for speech.
            return;
        }

        if (power >= thresholdPower)
        {
            loudRun++;
            if (loudRun >= MinSpeechBlocks)
            {
                inUtterance = true;
            }

            if (inUtterance)
            {
                quietRun = 0;
                LastSpeechEndSample = blockStart + BlockSamples;
            }

            return;
        }

        loudRun = 0;
        if (!inUtterance)
        {
            return;
        }

        quietRun++;
        if (quietRun >= silenceBlocksToEnd)
        {
            inUtterance = false;
            quietRun = 0;
            utteranceEnds.Add(LastSpeechEndSample);
        }
    }

    private void TrackNoiseFloor(double power)
    {
        if (noiseMarginFactor == 0)
        {
            return;
        }

        recentPowers[recentNext] = power;
        recentNext = (recentNext + 1) % FloorHistoryBlocks;
        recentCount = Math.Min(recentCount + 1, FloorHistoryBlocks);
        if (++blocksSinceFloorUpdate < FloorUpdateBlocks)
        {
            return;
        }

        blocksSinceFloorUpdate = 0;
        var history = sortScratch.AsSpan(0, recentCount);
        recentPowers.AsSpan(0, recentCount).CopyTo(history);
        history.Sort();
        var floor = Math.Min(history[(int)(FloorPercentile * (recentCount - 1))], MaxFloorPower);
        thresholdPower = Math.Max(fixedThresholdPower, floor * noiseMarginFactor);
    }
}
