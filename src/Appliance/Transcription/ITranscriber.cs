namespace LiveStt.Appliance.Transcription;

/// <summary>
/// A loaded speech model that turns 16 kHz mono float PCM into timed text.
/// One instance decodes one buffer at a time; the streaming pipeline owns it.
/// </summary>
public interface ITranscriber : IDisposable
{
    /// <summary>
    /// Decodes <paramref name="samples"/> (16 kHz, mono, -1..1) in full. The caller must not change the
    /// samples until the task completes; when it completes, whisper has let go of them.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; decoding was aborted.</exception>
    Task<TranscriptionResult> TranscribeAsync(ReadOnlyMemory<float> samples, TranscriptionRequest request, CancellationToken cancellationToken);
}
