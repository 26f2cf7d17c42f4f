using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// The audio whisper decodes: a contiguous run of 16 kHz samples placed on the session clock, appended
/// at the end and cut at the front. Its storage is allocated once, at the bound.
/// </summary>
internal sealed class AudioWindow(int capacitySamples)
{
    private readonly float[] samples = new float[capacitySamples];

    public int CapacitySamples => samples.Length;

    /// <summary>Session position of the first sample held.</summary>
    public long StartSample { get; private set; }

    public int Count { get; private set; }

    public long EndSample => StartSample + Count;

    public long StartMs => StartSample / AudioFrame.SamplesPerMillisecond;

    public long DurationMs => Count / AudioFrame.SamplesPerMillisecond;

    public ReadOnlyMemory<float> Samples => samples.AsMemory(0, Count);

    public void Append(ReadOnlySpan<float> audio)
    {
        if (Count + audio.Length > samples.Length)
        {
            throw new InvalidOperationException($"The window holds {Count} of {samples.Length} samples; {audio.Length} more do not fit.");
        }

        audio.CopyTo(samples.AsSpan(Count));
        Count += audio.Length;
    }

    /// <summary>Drops the audio before <paramref name="position"/> (clamped to what is held).</summary>
    public void TrimTo(long position)
    {
        var drop = (int)Math.Clamp(position - StartSample, 0, Count);
        if (drop == 0)
        {
            return;
        }

        Array.Copy(samples, drop, samples, 0, Count - drop);
        Count -= drop;
        StartSample += drop;
    }

    /// <summary>Empties the window and moves it to <paramref name="position"/>, e.g. across a gap.</summary>
    public void Restart(long position)
    {
        Count = 0;
        StartSample = position;
    }
}
