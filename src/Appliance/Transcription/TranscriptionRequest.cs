namespace LiveStt.Appliance.Transcription;

/// <summary>Per-call decoding settings; the rest comes from <see cref="WhisperOptions"/>.</summary>
/// <param name="InitialPrompt">Text that conditions the decoder, e.g. recently committed captions.</param>
/// <param name="MaxTokens">Upper bound on the tokens of the whole decode, which then comes back as one segment; 0 means no bound, with whisper's own segmentation.</param>
/// <param name="TemperatureFallback">
/// Whether whisper may decode again at higher temperatures when its confidence thresholds fail
/// (<see cref="WhisperOptions.TemperatureIncrement"/>); false decodes once, at the base temperature.
/// </param>
/// <param name="AudioContext">
/// Encoder positions to compute (whisper's audio_ctx; 1500 cover 30 s, so 50 a second); 0 means the model's full
/// context. A short window encoded in a context cut to its length costs a fraction of a full one.
/// </param>
/// <param name="Language">The spoken language's code, or "auto"; null means <see cref="WhisperOptions.Language"/>.</param>
public sealed record TranscriptionRequest(string? InitialPrompt = null, int MaxTokens = 0, bool TemperatureFallback = true, int AudioContext = 0, string? Language = null);
