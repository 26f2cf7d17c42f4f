using Whisper.net;

namespace LiveStt.Appliance.Transcription;

/// <summary>
/// One loaded whisper model (a Whisper.net factory holding the <c>whisper_context</c>). Each decode builds a
/// processor with that call's prompt, token cap and fallback, runs it on Whisper.net's decode thread, and
/// disposes it before returning: disposal waits for the native call to end, so a cancelled decode has let go of
/// the samples and the model by the time the cancellation reaches the caller.
/// </summary>
internal sealed partial class WhisperTranscriber : ITranscriber
{
    private readonly WhisperFactory factory;
    private readonly WhisperModelHeader model;
    private readonly WhisperOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider timeProvider;
    private int busy;
    private bool disposed;

    public WhisperTranscriber(WhisperFactory factory, WhisperModelHeader model, WhisperOptions options, ILogger logger, TimeProvider timeProvider)
    {
        this.factory = factory;
        this.model = model;
        this.options = options;
        this.logger = logger;
        this.timeProvider = timeProvider;
    }

    public async Task<TranscriptionResult> TranscribeAsync(ReadOnlyMemory<float> samples, TranscriptionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (request.MaxTokens < 0 || request.AudioContext < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request, "MaxTokens and AudioContext must be 0 (whisper's default) or more.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref busy, 1) != 0)
        {
            throw new InvalidOperationException("This transcriber is already decoding; one model instance serves one decode at a time.");
        }

        try
        {
            return samples.IsEmpty ? TranscriptionResult.Empty : await DecodeAsync(samples, request, cancellationToken);
        }
        finally
        {
            Volatile.Write(ref busy, 0);
        }
    }

    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            factory.Dispose();
        }
    }

    private async Task<TranscriptionResult> DecodeAsync(ReadOnlyMemory<float> samples, TranscriptionRequest request, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var duration = WhisperTimestamps.DurationOf(samples.Length);
        var segments = new List<TranscribedSegment>();
        _ = WhisperNativeLog.TakeFirstError();
        try
        {
            await using var processor = Build(request);
            await foreach (var segment in processor.ProcessAsync(samples, cancellationToken))
            {
                segments.Add(ToSegment(segment, duration));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.DecodeCancelled(logger, duration.TotalSeconds, timeProvider.GetElapsedTime(started).TotalMilliseconds);
            throw new OperationCanceledException("The whisper decode was aborted because its cancellation token was cancelled.", cancellationToken);
        }
        catch (WhisperProcessingException ex)
        {
            var reason = WhisperNativeLog.TakeFirstError();
            throw new WhisperTranscriptionException(
                $"whisper_full failed with code {ex.ErrorCode} on {samples.Length} samples" + (reason is null ? "." : $": {reason}"), ex);
        }

        Log.Decoded(logger, duration.TotalSeconds, segments.Count, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return new TranscriptionResult(segments);
    }

    private WhisperProcessor Build(TranscriptionRequest request)
    {
        var builder = factory.CreateBuilder()
            .WithThreads(options.Threads)
            .WithNoContext()
            .WithTemperature(options.Temperature)
            .WithTemperatureInc(request.TemperatureFallback ? options.TemperatureIncrement : 0f)
            .WithEntropyThreshold(options.EntropyThreshold)
            .WithLogProbThreshold(options.LogProbThreshold)
            .WithNoSpeechThreshold(options.NoSpeechThreshold)
            .WithGreedySamplingStrategy(greedy => greedy.WithBestOf(options.BestOf));

        var language = request.Language ?? options.Language;
        builder = string.Equals(language, WhisperOptions.DetectLanguage, StringComparison.OrdinalIgnoreCase)
            ? builder.WithLanguageDetection()
            : builder.WithLanguage(language.ToLowerInvariant());
        if (options.Translate)
        {
            builder.WithTranslate();
        }

        if (options.TokenTimestamps)
        {
            builder.WithTokenTimestamps();
        }

        if (request.MaxTokens > 0)
        {
            // whisper applies max_tokens to each pass over the audio, and a window can take several passes;
            // as one segment it takes one, so the cap bounds the whole decode.
            builder.WithMaxTokensPerSegment(request.MaxTokens).WithSingleSegment();
        }
        else if (options.SingleSegment)
        {
            builder.WithSingleSegment();
        }

        if (!string.IsNullOrEmpty(request.InitialPrompt))
        {
            builder.WithPrompt(request.InitialPrompt);
        }

        if (request.AudioContext > 0)
        {
            builder.WithAudioContextSize(request.AudioContext);
        }

        return builder.Build();
    }

    private TranscribedSegment ToSegment(SegmentData segment, TimeSpan duration)
    {
        var start = WhisperTimestamps.Clamp(segment.Start, duration);
        var end = Max(start, WhisperTimestamps.Clamp(segment.End, duration));
        var tokens = new List<TranscribedToken>(segment.Tokens.Length);
        var logProbabilitySum = 0.0;
        var textTokenCount = 0;
        foreach (var token in segment.Tokens)
        {
            // Without token timestamps whisper leaves t0/t1 unset; the token then spans its segment.
            var hasTimes = options.TokenTimestamps && token.Start >= 0 && token.End >= 0;
            var tokenStart = hasTimes ? WhisperTimestamps.Clamp(token.Start, duration) : start;
            var tokenEnd = hasTimes ? Max(tokenStart, WhisperTimestamps.Clamp(token.End, duration)) : end;
            var isSpecial = token.Id >= model.EndOfTextToken;
            tokens.Add(new TranscribedToken(token.Id, token.Text ?? "", token.Probability, tokenStart, tokenEnd, isSpecial));
            if (!isSpecial)
            {
                logProbabilitySum += token.ProbabilityLog;
                textTokenCount++;
            }
        }

        // OpenAI's divisor (its sum also holds the end-of-text token, which a whisper.cpp segment does not carry),
        // so values compare with whisper's log-probability threshold as faster-whisper and OpenAI apply it.
        var averageLogProbability = logProbabilitySum / (textTokenCount + 1);
        return new TranscribedSegment(segment.Text, start, end, tokens, segment.NoSpeechProbability, averageLogProbability);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "Decoded {AudioSeconds:F2} s of audio into {SegmentCount} segments in {ElapsedMs:F0} ms")]
        public static partial void Decoded(ILogger logger, double audioSeconds, int segmentCount, double elapsedMs);

        [LoggerMessage(EventId = 1303, Level = LogLevel.Debug, Message = "Aborted the decode of {AudioSeconds:F2} s of audio after {ElapsedMs:F0} ms: cancelled")]
        public static partial void DecodeCancelled(ILogger logger, double audioSeconds, double elapsedMs);
    }
}
