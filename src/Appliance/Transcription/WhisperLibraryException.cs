namespace LiveStt.Appliance.Transcription;

/// <summary>libwhisper cannot be used: it is missing, not the version this build binds, or lays out its structs differently. The message says what to install.</summary>
public sealed class WhisperLibraryException : InvalidOperationException
{
    public WhisperLibraryException()
    {
    }

    public WhisperLibraryException(string message)
        : base(message)
    {
    }

    public WhisperLibraryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
