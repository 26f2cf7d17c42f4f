using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Guards;
using LiveStt.Appliance.Speech;
using LiveStt.Appliance.Transcription;
using LiveStt.Appliance.Vocabulary;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// One session's path from audio to captions: the source fills a bounded queue; the decode loop moves
/// audio into a bounded window and past the voice-activity model, decodes the window every step while
/// there is speech in it (never silence alone), commits text by LocalAgreement-2, at the pause that ends
/// an utterance and at the window's bound, and hands the text to the session's output.
/// </summary>
/// <remarks>
/// When whisper is slower than the audio, memory stays bounded at every stage: the queue holds at most
/// <see cref="StreamingOptions.AudioQueueCapacity"/> frames (a live source's oldest frames are dropped
/// and counted as <see cref="PipelineMetrics.DroppedAudioMs"/>); the decoder then takes everything
/// queued at once, so it catches up with larger steps; and the window never exceeds
/// <see cref="StreamingOptions.MaxWindowSeconds"/>: reaching it commits the tentative text over the
/// oldest audio and cuts that audio off (any of it whisper never saw is counted as dropped too).
/// </remarks>
internal sealed partial class CaptionPipeline : IDisposable
{
    /// <summary>Characters of committed text handed to whisper as its prompt.</summary>
    public const int PromptMaxChars = 200;

    /// <summary>whisper's encoder positions: 1500 for 30 s of audio.</summary>
    private const int FullAudioContext = 1500;

    /// <summary>Reaching the bound cuts the window back to this share of it, so the cut is not repeated every step.</summary>
    private const double KeepAfterBoundFraction = 2.0 / 3;

    private readonly StreamingOptions options;
    private readonly IAudioSource source;
    private readonly SpeechGate speech;
    private readonly CaptionGuards guards;
    private readonly HeardWords heard;
    private readonly ISiteVocabulary vocabulary;
    private readonly CaptionOutput output;
    private readonly PipelineMetrics metrics;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly bool temperatureFallback;
    private readonly string? language;

    private readonly AudioWindow window;
    private readonly DecodeAttempts decodes;
    private readonly LocalAgreementPolicy agreement = new();
    private readonly List<TimedWord> pendingCommit = [];
    private readonly List<long> utteranceEnds = [];
    private bool started;
    private long decodedEndSample;

    public CaptionPipeline(StreamingOptions options, CaptionPipelineParts parts, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parts);
        this.options = options;
        source = parts.Source;
        speech = parts.Speech;
        guards = parts.Guards;
        heard = new HeardWords(parts.Guards, parts.Speech);
        vocabulary = parts.Vocabulary;
        output = parts.Output;
        metrics = parts.Metrics;
        temperatureFallback = parts.TemperatureFallback;
        language = parts.Language;
        this.timeProvider = timeProvider;
        this.logger = logger;
        window = new AudioWindow(options.MaxWindowSeconds * AudioFrame.SampleRate);
        decodes = new DecodeAttempts(parts.Transcriber, parts.Metrics, logger);
    }

    /// <summary>The audio input, for status.</summary>
    public IAudioSource Source => source;

    /// <summary>What the voice-activity model hears; null when it is off.</summary>
    public VadStatus? Vad => speech.ModelName is { } model ? new VadStatus(model, speech.InSpeech, speech.LastProbability) : null;

    /// <summary>Text refused so far, by reason.</summary>
    public SuppressedCounts Suppressed => guards.Counts;

    public void Dispose() => speech.Dispose();

    /// <summary>Runs until the source ends (after the last text is committed) or the token is cancelled.</summary>
    /// <exception cref="AudioSourceException">The source failed; text up to the failure was committed first.</exception>
    public Task RunAsync(CancellationToken cancellationToken) => RunAsync(CancellationToken.None, cancellationToken);

    /// <summary>
    /// Runs until the source ends, <paramref name="endOfAudio"/> ends it (either way the last text is decoded and
    /// committed first), or <paramref name="cancellationToken"/> aborts it where it is.
    /// </summary>
    /// <exception cref="AudioSourceException">The source failed; text up to the failure was committed first.</exception>
    /// <exception cref="WhisperTranscriptionException">whisper failed <see cref="DecodeAttempts.MaxConsecutiveFailures"/> decodes in a row.</exception>
    public async Task RunAsync(CancellationToken endOfAudio, CancellationToken cancellationToken)
    {
        metrics.RunStarted();
        var queue = new AudioFrameQueue(options.AudioQueueCapacity, source.IsLive, metrics, timeProvider, logger);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, endOfAudio);
        Exception? sourceError = null;
        var sourceRun = Task.Run(
            async () =>
            {
                try
                {
                    await source.RunAsync(queue, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
                catch (Exception ex)
                {
                    sourceError = ex;
                }
                finally
                {
                    queue.Complete();
                }
            },
            CancellationToken.None);

        try
        {
            await DecodeLoopAsync(queue.Reader, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await sourceRun;
        }

        if (sourceError is not null)
        {
            ExceptionDispatchInfo.Throw(sourceError);
        }
    }

    private async Task DecodeLoopAsync(ChannelReader<AudioFrame> frames, CancellationToken cancellationToken)
    {
        var stepSamples = (long)options.StepMs * AudioFrame.SamplesPerMillisecond;
        while (true)
        {
            var newSamples = 0L;
            var ended = false;
            var inputLost = false;
            // An utterance that has just ended is decoded at once, not at the next step: its text is complete. At
            // least one frame is taken each time round, so an end that waits (a window still too short) cannot spin.
            while (!inputLost && newSamples < stepSamples && (newSamples == 0 || utteranceEnds.Count == 0))
            {
                if (frames.TryRead(out var frame))
                {
                    inputLost = ReferenceEquals(frame, AudioFrameQueue.InputLost);
                    newSamples += inputLost ? 0 : await AcceptAsync(frame, cancellationToken);
                }
                else if (!await frames.WaitToReadAsync(cancellationToken))
                {
                    ended = true;
                    break;
                }
            }

            // A live source does not wait for us: take all it has queued and decode it in one larger step.
            while (!ended && !inputLost && source.IsLive && frames.TryRead(out var queued))
            {
                inputLost = ReferenceEquals(queued, AudioFrameQueue.InputLost);
                if (!inputLost)
                {
                    await AcceptAsync(queued, cancellationToken);
                }
            }

            // The input was lost: no later audio will confirm the words heard last, so they are committed now, as at the
            // end, rather than left tentative on the phones for as long as the input is away.
            await DecodeAsync(final: ended || inputLost, cancellationToken);
            if (ended)
            {
                return;
            }
        }
    }

    private async ValueTask<long> AcceptAsync(AudioFrame frame, CancellationToken cancellationToken)
    {
        if (!started)
        {
            started = true;
            window.Restart(frame.StartSample);
            speech.Reset(frame.StartSample);
            decodedEndSample = frame.StartSample;
        }
        else if (frame.StartSample != window.EndSample)
        {
            // Audio went missing (dropped when we fell behind, or a live input reconnected). The text
            // heard so far is committed as it stands and a fresh window starts after the gap. Decoding the
            // old window once more would cost a decode while behind, and so cause the next gap.
            var neverDecoded = Math.Max(0, window.EndSample - Math.Max(window.StartSample, decodedEndSample));
            metrics.AddDroppedSamples(neverDecoded);
            var committed = CommitAndTrim(window.EndSample);
            Log.AudioGap(
                logger,
                (frame.StartSample - window.EndSample) / AudioFrame.SamplesPerMillisecond,
                window.EndSample / AudioFrame.SamplesPerMillisecond,
                committed,
                neverDecoded / AudioFrame.SamplesPerMillisecond);
            window.Restart(frame.StartSample);
            speech.Reset(frame.StartSample);
            utteranceEnds.Clear();
            decodedEndSample = frame.StartSample;
            metrics.Decoded(decodedEndSample);
            await PublishAsync(cancellationToken);
        }

        var samples = frame.Samples.Span;
        while (!samples.IsEmpty)
        {
            var chunk = samples[..Math.Min(samples.Length, window.CapacitySamples)];
            if (window.Count + chunk.Length > window.CapacitySamples)
            {
                CutAtBound(window.Count + chunk.Length - window.CapacitySamples);
            }

            window.Append(chunk);
            speech.Process(chunk, utteranceEnds);
            samples = samples[chunk.Length..];
        }

        return frame.Samples.Length;
    }

    private void CutAtBound(long requiredSamples)
    {
        var keep = (long)(window.CapacitySamples * KeepAfterBoundFraction);
        var target = window.StartSample + Math.Max(requiredSamples, window.Count - keep);
        var committed = agreement.CommitTentativeBefore(target / AudioFrame.SamplesPerMillisecond);
        pendingCommit.AddRange(committed);

        // Cut through the end of the words just committed, so their audio is not decoded again, but never
        // further into audio whisper has not seen than the bound requires.
        var committedEnd = Math.Min(agreement.CommittedEndMs * AudioFrame.SamplesPerMillisecond, decodedEndSample);
        var cut = Math.Clamp(Math.Max(target, committedEnd), window.StartSample, window.EndSample);
        var neverDecoded = Math.Max(0, cut - Math.Max(window.StartSample, decodedEndSample));
        var alsoCommitted = CommitAndTrim(cut);
        if (neverDecoded > 0)
        {
            metrics.AddDroppedSamples(neverDecoded);
        }

        Log.WindowBound(
            logger,
            options.MaxWindowSeconds * 1000L,
            committed.Count + alsoCommitted,
            window.StartMs,
            neverDecoded / AudioFrame.SamplesPerMillisecond);
    }

    private async Task DecodeAsync(bool final, CancellationToken cancellationToken)
    {
        if (window.Count == 0 || (!final && window.DurationMs < options.MinWindowMs))
        {
            if (final)
            {
                pendingCommit.AddRange(agreement.CommitTentativeBefore(long.MaxValue));
            }

            await PublishAsync(cancellationToken);
            return;
        }

        if (!speech.HasSpeechSince(window.StartSample))
        {
            // Nothing but silence, noise or music: whisper would only invent text ("Thank you."), and any tentative
            // text left over it is such an invention. The last moments stay, in case speech starts right there.
            agreement.DiscardTentative();
            window.TrimTo(window.EndSample - speech.PrerollSamples);
            decodedEndSample = window.EndSample;
            metrics.Decoded(decodedEndSample);
            utteranceEnds.Clear();
            await PublishAsync(cancellationToken);
            return;
        }

        if (speech.CurrentSpeechStartSample is { } speechStart && agreement.Tentative.Count == 0
            && window.StartSample < speechStart - speech.PrerollSamples)
        {
            // A new utterance: whisper hears it from just before its first sound, not the silence that led up to it.
            CommitAndTrim(speechStart - speech.PrerollSamples);
        }

        var windowStartMs = window.StartMs;
        var windowMs = window.DurationMs;
        // The site's words first: whisper keeps the end of an over-long prompt, and the recent text matters more.
        var prompt = JoinPrompt(vocabulary.GlossaryPrompt, agreement.PromptBefore(windowStartMs, PromptMaxChars));
        var maxTokens = Math.Max(1, (int)Math.Ceiling(options.MaxTokensPerSecond * windowMs / 1000.0));
        var audioContext = options.FitAudioContext ? AudioContextFor(windowMs) : 0;
        var request = new TranscriptionRequest(prompt.Length > 0 ? prompt : null, maxTokens, temperatureFallback, audioContext, language);

        var startedAt = timeProvider.GetTimestamp();
        if (await decodes.TryDecodeAsync(window.Samples, request, window.StartMs, cancellationToken) is not { } result)
        {
            if (final)
            {
                pendingCommit.AddRange(agreement.CommitTentativeBefore(long.MaxValue));
            }

            await PublishAsync(cancellationToken);
            return;
        }

        var elapsed = timeProvider.GetElapsedTime(startedAt);
        decodedEndSample = window.EndSample;
        metrics.Decoded(decodedEndSample);
        metrics.DecodeFinished(elapsed);

        var words = heard.From(result, windowStartMs, windowMs);
        var agreed = agreement.Update(words);
        pendingCommit.AddRange(agreed);
        Log.Decoded(logger, windowMs, windowStartMs, elapsed.TotalMilliseconds, words.Count, agreed.Count, maxTokens);

        var pause = LastUtteranceEndInWindow();
        if (pause is { } speechEnd)
        {
            var committed = CommitAndTrim(speechEnd);
            Log.UtteranceEnded(logger, speechEnd / AudioFrame.SamplesPerMillisecond, committed);
        }
        else if (agreed.LastOrDefault(EndsSentence) is { } sentenceEnd)
        {
            CommitAndTrim(sentenceEnd.EndMs * AudioFrame.SamplesPerMillisecond);
        }

        if (final)
        {
            pendingCommit.AddRange(agreement.CommitTentativeBefore(long.MaxValue));
        }

        await PublishAsync(cancellationToken);
    }

    /// <summary>
    /// The encoder positions that cover <paramref name="windowMs"/> (50 a second) and 32 more (0.64 s), so the window's
    /// last words are never at the context's very edge, rounded up to 64.
    /// </summary>
    internal static int AudioContextFor(long windowMs)
    {
        var positions = (int)Math.Ceiling(windowMs / 20.0) + 32;
        return Math.Min(FullAudioContext, (positions + 63) / 64 * 64);
    }

    private static string JoinPrompt(string glossary, string recent) =>
        glossary.Length == 0 ? recent : recent.Length == 0 ? glossary : glossary + " " + recent;

    private long? LastUtteranceEndInWindow()
    {
        long? last = null;
        foreach (var end in utteranceEnds)
        {
            if (end > window.StartSample && end <= window.EndSample)
            {
                last = end;
            }
        }

        utteranceEnds.Clear();
        return last;
    }

    /// <summary>
    /// Cuts the window at <paramref name="position"/>. Tentative words that start before it are committed
    /// first: their audio is about to go, so no later decode could confirm or correct them.
    /// </summary>
    private int CommitAndTrim(long position)
    {
        var committed = agreement.CommitTentativeBefore(position / AudioFrame.SamplesPerMillisecond);
        pendingCommit.AddRange(committed);
        window.TrimTo(position);
        return committed.Count;
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        if (pendingCommit.Count > 0)
        {
            var line = pendingCommit.ToList();
            pendingCommit.Clear();
            await output.CommitAsync(line, cancellationToken);
        }

        await output.ShowTentativeAsync(agreement.Tentative, agreement.CommittedEndMs, cancellationToken);
    }

    private static bool EndsSentence(TimedWord word) => word.Text.Length > 0 && word.Text[^1] is '.' or '?' or '!';

    private static partial class Log
    {
        [LoggerMessage(1602, LogLevel.Debug, "Decoded {WindowMs} ms of audio from {WindowStartMs} ms in {ElapsedMs:F0} ms: {WordCount} words, {AgreedCount} agreed, token cap {MaxTokens}")]
        public static partial void Decoded(ILogger logger, long windowMs, long windowStartMs, double elapsedMs, int wordCount, int agreedCount, int maxTokens);

        [LoggerMessage(1603, LogLevel.Warning, "The audio window reached its {MaxWindowMs} ms bound: committed {WordCount} tentative words and cut the audio before {CutMs} ms ({NeverDecodedMs} ms of it never decoded)")]
        public static partial void WindowBound(ILogger logger, long maxWindowMs, int wordCount, long cutMs, long neverDecodedMs);

        [LoggerMessage(1604, LogLevel.Warning, "The audio skipped {GapMs} ms at {PositionMs} ms: committed {WordCount} tentative words, left {NeverDecodedMs} ms before the gap undecoded, and restarted the window")]
        public static partial void AudioGap(ILogger logger, long gapMs, long positionMs, int wordCount, long neverDecodedMs);

        [LoggerMessage(1605, LogLevel.Debug, "Pause after speech ending at {PositionMs} ms: committed {WordCount} tentative words")]
        public static partial void UtteranceEnded(ILogger logger, long positionMs, int wordCount);
    }
}
