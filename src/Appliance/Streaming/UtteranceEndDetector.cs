using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// Finds where utterances end from the signal's energy alone: speech is a run of 20 ms blocks louder
/// than a threshold, and an utterance ends once a set length of quieter blocks follows it. It stands in
/// until a voice-activity model arrives, and is fed audio as it arrives, in any chunking.
/// </summary>
internal sealed class UtteranceEndDetector
{
    public const int BlockSamples = 320;

    /// <summary>Loud blocks in a row that count as speech; a lone click or pop does not.</summary>
    private const int MinSpeechBlocks = 3;

    private readonly double thresholdPower;
    private readonly int silenceBlocksToEnd;
    private readonly float[] block = new float[BlockSamples];
    private int blockCount;
    private long blockStart;
    private int loudRun;
    private int quietRun;
    private bool inUtterance;

    public UtteranceEndDetector(double silenceThresholdDbfs, int minSilenceMs)
    {
        // A block's level is the mean square of its samples in dB, full-scale DC being 0 dBFS.
        thresholdPower = Math.Pow(10, silenceThresholdDbfs / 10);
        silenceBlocksToEnd = Math.Max(1, (int)Math.Ceiling((double)minSilenceMs * AudioFrame.SamplesPerMillisecond / BlockSamples));
    }

    /// <summary>End (exclusive sample position) of the last block that belonged to speech; -1 before any.</summary>
    public long LastSpeechEndSample { get; private set; } = -1;

    /// <summary>True while inside an utterance (speech heard, and not yet a long enough pause).</summary>
    public bool InUtterance => inUtterance;

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
}
