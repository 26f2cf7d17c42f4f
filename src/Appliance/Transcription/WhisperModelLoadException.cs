namespace LiveStt.Appliance.Transcription;

/// <summary>A model file could not be loaded into whisper (missing, unreadable, or not a ggml whisper model).</summary>
public sealed class WhisperModelLoadException : InvalidOperationException
{
    public WhisperModelLoadException()
    {
    }

    public WhisperModelLoadException(string message)
        : base(message)
    {
    }

    public WhisperModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
