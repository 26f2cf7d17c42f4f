namespace LiveStt.Appliance.Audio;

/// <summary>A WAV file is malformed, truncated or in a format this reader does not decode.</summary>
public sealed class WavFormatException : Exception
{
    public WavFormatException()
    {
    }

    public WavFormatException(string message)
        : base(message)
    {
    }

    public WavFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
