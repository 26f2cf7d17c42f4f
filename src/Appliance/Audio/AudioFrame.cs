namespace LiveStt.Appliance.Audio;

/// <summary>
/// A run of 16 kHz mono audio in the range -1..1, placed on the session's audio clock.
/// </summary>
/// <param name="Samples">The audio; the receiver may keep the memory, the source never reuses it.</param>
/// <param name="StartSample">
/// Position of the first sample, counted in 16 kHz samples since the source started. Consecutive frames
/// are contiguous; a later start than expected marks a gap (audio that never arrived or was dropped).
/// </param>
public sealed record AudioFrame(ReadOnlyMemory<float> Samples, long StartSample)
{
    /// <summary>The one rate the pipeline and whisper work at.</summary>
    public const int SampleRate = 16_000;

    /// <summary>Samples per millisecond at <see cref="SampleRate"/>.</summary>
    public const int SamplesPerMillisecond = SampleRate / 1000;

    public long EndSample => StartSample + Samples.Length;

    public long DurationMs => Samples.Length / SamplesPerMillisecond;
}
