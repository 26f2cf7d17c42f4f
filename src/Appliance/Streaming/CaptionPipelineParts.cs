using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Guards;
using LiveStt.Appliance.Speech;
using LiveStt.Appliance.Transcription;
using LiveStt.Appliance.Vocabulary;

namespace LiveStt.Appliance.Streaming;

/// <summary>What one session's pipeline works with.</summary>
/// <param name="Source">The audio input.</param>
/// <param name="Speech">Where speech is, from the voice-activity model; the pipeline disposes it.</param>
/// <param name="Transcriber">The loaded whisper model (the session owns it).</param>
/// <param name="Guards">Refuses text that was not said.</param>
/// <param name="Vocabulary">The site's words, for whisper's prompt.</param>
/// <param name="Output">Where committed and tentative text goes.</param>
/// <param name="Metrics">Counters status reads while the pipeline runs.</param>
/// <param name="TemperatureFallback">Whether whisper may decode again at higher temperatures (not for the demo model).</param>
/// <param name="Language">The spoken language's code or "auto"; null for <c>Whisper:Language</c>.</param>
internal sealed record CaptionPipelineParts(
    IAudioSource Source,
    SpeechGate Speech,
    ITranscriber Transcriber,
    CaptionGuards Guards,
    ISiteVocabulary Vocabulary,
    CaptionOutput Output,
    PipelineMetrics Metrics,
    bool TemperatureFallback = true,
    string? Language = null);
