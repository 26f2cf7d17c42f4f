using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Guards;
using LiveStt.Appliance.Speech;
using LiveStt.Appliance.Transcription;
using LiveStt.Appliance.Transcripts;
using LiveStt.Appliance.Vocabulary;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// Puts a session together around the model it runs with: once per session its output (guards, the site's
/// vocabulary, transcript, phones), and for every run between pauses a pipeline with its own audio input and
/// voice-activity model.
/// </summary>
internal sealed partial class CaptionPipelineFactory(
    IOptions<StreamingOptions> streaming,
    IOptions<TranscriptOptions> transcripts,
    IOptions<WhisperOptions> whisper,
    IOptions<VoiceActivityOptions> voiceActivity,
    IOptions<GuardOptions> guards,
    IAudioSourceFactory audioSources,
    IVoiceActivityDetectorFactory voiceActivityDetectors,
    ISiteVocabulary vocabulary,
    ICaptionPublisher publisher,
    OpenTranscripts openTranscripts,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory)
{
    /// <summary>
    /// The output of session <paramref name="sessionId"/>, with its transcript opened; the caller disposes it (and so the
    /// transcript) when the session ends.
    /// </summary>
    /// <param name="isDemo">
    /// A random-weight demo model loops its word salad, which would have every line refused by the guards that judge
    /// text: those are off for it.
    /// </param>
    /// <param name="language">The spoken language the session was started with.</param>
    /// <param name="resumed">
    /// The transcript of the session the appliance was running when it was cut off, to go on with: its file is
    /// continued (a <c>restarted</c> record first) and seq goes on from its last line. Null for a new session.
    /// </param>
    public CaptionOutput CreateOutput(string sessionId, DateTimeOffset startedAt, bool isDemo, string language, PipelineMetrics metrics, TranscriptTail? resumed = null)
    {
        var decoding = whisper.Value;
        var lineGuards = new CaptionGuards(
            isDemo ? guards.Value.ForRandomWeights() : guards.Value,
            decoding.NoSpeechThreshold,
            decoding.LogProbThreshold,
            // Translated text is English, whatever was spoken.
            decoding.Translate ? "en" : language,
            loggerFactory.CreateLogger<CaptionGuards>(),
            timeProvider);
        var logger = loggerFactory.CreateLogger<CaptionOutput>();
        var (transcript, problem) = OpenTranscript(sessionId, startedAt, resumed, logger);
        var offsetMs = resumed is null ? 0 : Math.Max(0, (long)(timeProvider.GetUtcNow() - startedAt).TotalMilliseconds);
        return new CaptionOutput(
            sessionId, publisher, transcript, problem, lineGuards, vocabulary, metrics, timeProvider, logger, resumed?.LastSeq ?? 0, resumed?.Paused ?? false, offsetMs);
    }

    private (TranscriptSink? Sink, string? Problem) OpenTranscript(string sessionId, DateTimeOffset startedAt, TranscriptTail? resumed, ILogger logger)
    {
        var directory = transcripts.Value.Directory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            return (null, null);
        }

        TranscriptWriter writer;
        try
        {
            writer = resumed is null ? TranscriptWriter.Create(directory, sessionId, startedAt) : TranscriptWriter.Reopen(resumed.Path, resumed.CompleteLength);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Captions matter more than the record of them: go on, and say so loudly.
            Log.TranscriptUnavailable(logger, ex, directory);
            return (null, $"No transcript is being written: {ex.Message}");
        }

        var sink = new TranscriptSink(writer, transcripts.Value.PendingRecords, timeProvider, loggerFactory.CreateLogger<TranscriptSink>());
        // Readers of the session's lines (a viewer catching up) then find those still waiting for the disk too.
        openTranscripts.Add(sessionId, sink);
        var now = timeProvider.GetUtcNow();
        sink.Append(resumed is null
            ? TranscriptRecord.Session(sessionId, startedAt)
            : TranscriptRecord.Restarted(now, Math.Max(0, (long)(now - startedAt).TotalMilliseconds)));
        return (sink, null);
    }

    /// <summary>A pipeline hearing <paramref name="audio"/> into <paramref name="output"/>; the caller disposes it once it has run.</summary>
    /// <param name="isDemo">
    /// A random-weight demo model never reaches whisper's confidence thresholds, so every window would be decoded
    /// again at each fallback temperature (all cost, no better text): fallback is off for it.
    /// </param>
    public CaptionPipeline Create(CaptionOutput output, ITranscriber transcriber, bool isDemo, AudioOptions audio, string language, PipelineMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(output);
        var speech = new SpeechGate(voiceActivityDetectors.Create(), voiceActivity.Value, streaming.Value.MinSilenceMs);
        try
        {
            var parts = new CaptionPipelineParts(
                audioSources.Create(audio), speech, transcriber, output.Guards, vocabulary, output, metrics, TemperatureFallback: !isDemo, Language: language);
            return new CaptionPipeline(streaming.Value, parts, timeProvider, loggerFactory.CreateLogger<CaptionPipeline>());
        }
        catch
        {
            speech.Dispose();
            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1626, LogLevel.Error, "No transcript will be written: {Directory} cannot be used")]
        public static partial void TranscriptUnavailable(ILogger logger, Exception exception, string directory);
    }
}
