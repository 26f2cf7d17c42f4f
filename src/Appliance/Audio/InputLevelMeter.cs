namespace LiveStt.Appliance.Audio;

/// <summary>
/// Level, peak and clipping of 16 kHz audio in 100 ms blocks. The level is the block's RMS referenced to a
/// full-scale sine (AES17: RMS + 3.01 dB), so a tone reads the same as its peak; a block clips when any sample
/// reaches full scale.
/// </summary>
internal sealed class InputLevelMeter
{
    public const int BlockSamples = AudioFrame.SampleRate / 10;

    /// <summary>What digital silence reads: a number, because JSON has no minus infinity.</summary>
    public const double SilenceDbfs = -120;

    /// <summary>A sample at or above this magnitude (-0.009 dBFS, the largest 16-bit value) is at full scale.</summary>
    private const float FullScale = 32_767f / 32_768f;

    /// <summary>10·log10(2): the RMS of a sine lies this far below its peak.</summary>
    private const double SineRmsToPeakDb = 3.0103;

    private double sumOfSquares;
    private float peak;
    private bool clipped;
    private int count;

    /// <summary>The level of the last complete block, or null before one.</summary>
    public double? LevelDbfs { get; private set; }

    /// <summary>The peak of the last complete block, or null before one.</summary>
    public double? PeakDbfs { get; private set; }

    /// <summary>Complete blocks that clipped.</summary>
    public long ClippedBlocks { get; private set; }

    public void Measure(ReadOnlySpan<float> samples)
    {
        foreach (var sample in samples)
        {
            var magnitude = Math.Abs(sample);
            sumOfSquares += (double)sample * sample;
            peak = Math.Max(peak, magnitude);
            clipped |= magnitude >= FullScale;
            if (++count == BlockSamples)
            {
                CloseBlock();
            }
        }
    }

    /// <summary>Forgets the level and the block under way, when the input is lost: a meter must not show stale sound.</summary>
    public void Reset()
    {
        LevelDbfs = null;
        PeakDbfs = null;
        sumOfSquares = 0;
        peak = 0;
        clipped = false;
        count = 0;
    }

    private void CloseBlock()
    {
        var rms = Math.Sqrt(sumOfSquares / count);
        LevelDbfs = rms > 0 ? Math.Max(SilenceDbfs, (20 * Math.Log10(rms)) + SineRmsToPeakDb) : SilenceDbfs;
        PeakDbfs = peak > 0 ? Math.Max(SilenceDbfs, 20 * Math.Log10(peak)) : SilenceDbfs;
        ClippedBlocks += clipped ? 1 : 0;
        sumOfSquares = 0;
        peak = 0;
        clipped = false;
        count = 0;
    }
}
