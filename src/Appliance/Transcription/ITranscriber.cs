namespace LiveStt.Appliance.Transcription;

/// <summary>
/// A loaded speech model that turns 16 kHz mono float PCM into timed text.
/// One instance is not safe for concurrent calls; the streaming pipeline owns it.
/// </summary>
public interface ITranscriber : IDisposable
{
    /// <summary>Decodes <paramref name="samples"/> (16 kHz, mono, -1..1) in full.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; decoding was aborted.</exception>
    TranscriptionResult Transcribe(ReadOnlySpan<float> samples, TranscriptionRequest request, CancellationToken cancellationToken);
}
