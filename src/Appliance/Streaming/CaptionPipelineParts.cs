using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Speech;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Streaming;

/// <summary>What one session's pipeline works with; the session makes them and disposes them after the run.</summary>
/// <param name="Source">The audio input.</param>
/// <param name="Speech">Where speech is, from the voice-activity model.</param>
/// <param name="Transcriber">The loaded whisper model.</param>
/// <param name="Output">Where committed and tentative text goes.</param>
/// <param name="Metrics">Counters status reads while the pipeline runs.</param>
/// <param name="TemperatureFallback">Whether whisper may decode again at higher temperatures (not for the demo model).</param>
internal sealed record CaptionPipelineParts(
    IAudioSource Source,
    SpeechGate Speech,
    ITranscriber Transcriber,
    CaptionOutput Output,
    PipelineMetrics Metrics,
    bool TemperatureFallback = true);
