namespace LiveStt.Appliance.Transcription;

/// <summary>whisper_full failed for a reason other than cancellation.</summary>
public sealed class WhisperTranscriptionException : InvalidOperationException
{
    public WhisperTranscriptionException()
    {
    }

    public WhisperTranscriptionException(string message)
        : base(message)
    {
    }

    public WhisperTranscriptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
