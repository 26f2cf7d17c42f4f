namespace LiveStt.Appliance.Transcription;

/// <summary>Per-call decoding settings; the rest comes from <see cref="WhisperOptions"/>.</summary>
/// <param name="InitialPrompt">Text that conditions the decoder, e.g. recently committed captions.</param>
/// <param name="MaxTokens">Upper bound on tokens decoded per segment; 0 means whisper's default.</param>
public sealed record TranscriptionRequest(string? InitialPrompt = null, int MaxTokens = 0);
