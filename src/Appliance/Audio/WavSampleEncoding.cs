namespace LiveStt.Appliance.Audio;

/// <summary>How the samples in a WAV data chunk are stored.</summary>
public enum WavSampleEncoding
{
    /// <summary>Integer PCM: 8-bit unsigned, or 16/24/32-bit signed little-endian.</summary>
    Pcm,

    /// <summary>IEEE float, 32 or 64 bits, little-endian.</summary>
    IeeeFloat,
}
