namespace LiveStt.Appliance.Speech;

/// <summary>The voice-activity model cannot be used; the message says why and what to do.</summary>
public sealed class VoiceActivityModelException : Exception
{
    public VoiceActivityModelException()
    {
    }

    public VoiceActivityModelException(string message)
        : base(message)
    {
    }

    public VoiceActivityModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
