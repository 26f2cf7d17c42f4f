namespace LiveStt.Appliance.Audio;

/// <summary>An audio source failed in a way it cannot recover from; the message is meant for the operator.</summary>
public sealed class AudioSourceException : Exception
{
    public AudioSourceException()
    {
    }

    public AudioSourceException(string message)
        : base(message)
    {
    }

    public AudioSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
