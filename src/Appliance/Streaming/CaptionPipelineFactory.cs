using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Guards;
using LiveStt.Appliance.Speech;
using LiveStt.Appliance.Transcription;
using LiveStt.Appliance.Vocabulary;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// Puts a session's pipeline together around the model the session loaded: its audio input, voice-activity model,
/// hallucination guards, the site's vocabulary and its output.
/// </summary>
internal sealed class CaptionPipelineFactory(
    IOptions<StreamingOptions> streaming,
    IOptions<WhisperOptions> whisper,
    IOptions<VoiceActivityOptions> voiceActivity,
    IOptions<GuardOptions> guards,
    IAudioSourceFactory audioSources,
    IVoiceActivityDetectorFactory voiceActivityDetectors,
    ISiteVocabulary vocabulary,
    ICaptionPublisher publisher,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory)
{
    /// <summary>A pipeline for session <paramref name="sessionId"/>; the caller disposes it once it has run.</summary>
    /// <param name="isDemo">
    /// A random-weight demo model never reaches whisper's confidence thresholds, so every window would be decoded
    /// again at each fallback temperature (all cost, no better text), and its looping word salad would have every line
    /// refused by the guards that judge text: both are off for it.
    /// </param>
    public CaptionPipeline Create(string sessionId, ITranscriber transcriber, bool isDemo, TranscriptWriter? transcript, PipelineMetrics metrics)
    {
        var logger = loggerFactory.CreateLogger<CaptionPipeline>();
        var settings = streaming.Value;
        var decoding = whisper.Value;
        var speech = new SpeechGate(voiceActivityDetectors.Create(), voiceActivity.Value, settings.MinSilenceMs);
        try
        {
            // Translated text is English, whatever was spoken.
            var language = decoding.Translate ? "en" : decoding.Language;
            var lineGuards = new CaptionGuards(
                isDemo ? guards.Value.ForRandomWeights() : guards.Value, decoding.NoSpeechThreshold, decoding.LogProbThreshold, language, loggerFactory.CreateLogger<CaptionGuards>(), timeProvider);
            var output = new CaptionOutput(sessionId, publisher, transcript, lineGuards, vocabulary, metrics, timeProvider, logger);
            var parts = new CaptionPipelineParts(audioSources.Create(), speech, transcriber, lineGuards, vocabulary, output, metrics, TemperatureFallback: !isDemo);
            return new CaptionPipeline(settings, parts, timeProvider, logger);
        }
        catch
        {
            speech.Dispose();
            throw;
        }
    }
}
