using System.Runtime.InteropServices;
using System.Text;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Interop;

/// <summary>
/// One loaded whisper model (a <c>whisper_context</c> with its default state). Decodes run on the calling
/// thread through <c>whisper_full</c>; cancellation raises a native flag that whisper's abort and
/// encoder-begin callbacks poll, so a long decode stops within one ggml graph step.
/// </summary>
internal sealed unsafe partial class LibWhisperTranscriber : ITranscriber
{
    private readonly SafeWhisperContextHandle _context;
    private readonly NativeAbortFlag _abort = new();
    private readonly WhisperFullParams _baseParams;
    private readonly byte[] _languageUtf8;
    private readonly bool _tokenTimestamps;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private int _busy;

    public LibWhisperTranscriber(SafeWhisperContextHandle context, WhisperFullParams libraryDefaults, WhisperOptions options, ILogger logger, TimeProvider timeProvider)
    {
        _context = context;
        _logger = logger;
        _timeProvider = timeProvider;
        _tokenTimestamps = options.TokenTimestamps;
        _languageUtf8 = NulTerminatedUtf8(options.Language.ToLowerInvariant());
        _baseParams = BuildParams(libraryDefaults, options);
    }

    public Task<TranscriptionResult> TranscribeAsync(ReadOnlyMemory<float> samples, TranscriptionRequest request, CancellationToken cancellationToken) =>
        Task.Run(() => Transcribe(samples.Span, request, cancellationToken), CancellationToken.None);

    private TranscriptionResult Transcribe(ReadOnlySpan<float> samples, TranscriptionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_context.IsClosed, this);
        if (request.MaxTokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxTokens, "MaxTokens must be 0 (whisper's default) or more.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("This transcriber is already decoding; one model instance serves one decode at a time.");
        }

        try
        {
            if (samples.IsEmpty)
            {
                return TranscriptionResult.Empty;
            }

            var started = _timeProvider.GetTimestamp();
            var status = Decode(samples, request, cancellationToken);
            if (cancellationToken.IsCancellationRequested || _abort.IsRaised)
            {
                Log.DecodeCancelled(_logger, samples.Length / (double)WhisperTimestamps.SampleRate, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
                throw new OperationCanceledException("The whisper decode was aborted because its cancellation token was cancelled.", cancellationToken);
            }

            if (status != 0)
            {
                var reason = WhisperLogRouter.TakeLastError();
                throw new WhisperTranscriptionException(
                    $"whisper_full failed with code {status} on {samples.Length} samples" + (reason is null ? "." : $": {reason}"));
            }

            var result = ReadResult(WhisperTimestamps.DurationOf(samples.Length));
            Log.Decoded(_logger, samples.Length / (double)WhisperTimestamps.SampleRate, result.Segments.Count, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    public void Dispose()
    {
        // The context goes first: nothing may run whisper with a callback pointing at freed memory.
        _context.Dispose();
        _abort.Dispose();
    }

    private static WhisperFullParams BuildParams(WhisperFullParams defaults, WhisperOptions options)
    {
        var p = defaults;
        p.Strategy = WhisperNative.SamplingGreedy;
        p.NThreads = options.Threads;
        p.Translate = AsByte(options.Translate);
        p.NoContext = 1;
        p.SingleSegment = AsByte(options.SingleSegment);
        p.TokenTimestamps = AsByte(options.TokenTimestamps);
        p.Temperature = options.Temperature;
        p.TemperatureInc = options.TemperatureIncrement;
        p.EntropyThold = options.EntropyThreshold;
        p.LogprobThold = options.LogProbThreshold;
        p.NoSpeechThold = options.NoSpeechThreshold;
        p.Greedy.BestOf = options.BestOf;

        // whisper prints progress and results to stdout unless told not to; the appliance logs instead.
        p.PrintProgress = 0;
        p.PrintRealtime = 0;
        p.PrintTimestamps = 0;
        p.PrintSpecial = 0;

        p.AbortCallback = WhisperCallbacks.Abort;
        p.EncoderBeginCallback = WhisperCallbacks.EncoderBegin;
        return p;
    }

    private int Decode(ReadOnlySpan<float> samples, TranscriptionRequest request, CancellationToken cancellationToken)
    {
        var p = _baseParams;
        p.MaxTokens = request.MaxTokens;
        if (request.MaxTokens > 0)
        {
            // whisper applies max_tokens to each pass over the audio, and a window can take several passes;
            // as one segment it takes one, so the cap bounds the whole decode.
            p.SingleSegment = 1;
        }

        if (!request.TemperatureFallback)
        {
            p.TemperatureInc = 0f;
        }

        p.AbortCallbackUserData = _abort.Pointer;
        p.EncoderBeginCallbackUserData = _abort.Pointer;
        var prompt = string.IsNullOrEmpty(request.InitialPrompt) ? null : NulTerminatedUtf8(request.InitialPrompt);

        var addedAbort = false;
        _abort.DangerousAddRef(ref addedAbort);
        try
        {
            _abort.Reset();
            _ = WhisperLogRouter.TakeLastError();
            using var registration = cancellationToken.UnsafeRegister(static flag => ((NativeAbortFlag)flag!).Raise(), _abort);
            fixed (byte* language = _languageUtf8)
            fixed (byte* initialPrompt = prompt)
            fixed (float* pcm = samples)
            {
                p.Language = language;
                p.InitialPrompt = initialPrompt;
                return WhisperNative.whisper_full(_context, p, pcm, samples.Length);
            }
        }
        finally
        {
            if (addedAbort)
            {
                _abort.DangerousRelease();
            }
        }
    }

    private TranscriptionResult ReadResult(TimeSpan duration)
    {
        var segmentCount = WhisperNative.whisper_full_n_segments(_context);
        if (segmentCount <= 0)
        {
            return TranscriptionResult.Empty;
        }

        var endOfText = WhisperNative.whisper_token_eot(_context);
        var segments = new List<TranscribedSegment>(segmentCount);
        for (var s = 0; s < segmentCount; s++)
        {
            var start = WhisperTimestamps.Clamp(WhisperNative.whisper_full_get_segment_t0(_context, s), duration);
            var end = Max(start, WhisperTimestamps.Clamp(WhisperNative.whisper_full_get_segment_t1(_context, s), duration));
            var text = Utf8(WhisperNative.whisper_full_get_segment_text(_context, s));

            var tokenCount = WhisperNative.whisper_full_n_tokens(_context, s);
            var tokens = new List<TranscribedToken>(Math.Max(tokenCount, 0));
            for (var t = 0; t < tokenCount; t++)
            {
                var data = WhisperNative.whisper_full_get_token_data(_context, s, t);
                var tokenText = Utf8(WhisperNative.whisper_full_get_token_text(_context, s, t));

                // Without token timestamps whisper leaves t0/t1 unset; the token then spans its segment.
                var hasTimes = _tokenTimestamps && data.T0 >= 0 && data.T1 >= 0;
                var tokenStart = hasTimes ? WhisperTimestamps.Clamp(data.T0, duration) : start;
                var tokenEnd = hasTimes ? Max(tokenStart, WhisperTimestamps.Clamp(data.T1, duration)) : end;
                tokens.Add(new TranscribedToken(data.Id, tokenText, data.P, tokenStart, tokenEnd, IsSpecial: data.Id >= endOfText));
            }

            segments.Add(new TranscribedSegment(text, start, end, tokens));
        }

        return new TranscriptionResult(segments);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static byte AsByte(bool value) => value ? (byte)1 : (byte)0;

    private static string Utf8(byte* text) => text is null ? string.Empty : Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;

    private static byte[] NulTerminatedUtf8(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "Decoded {AudioSeconds:F2} s of audio into {SegmentCount} segments in {ElapsedMs:F0} ms")]
        public static partial void Decoded(ILogger logger, double audioSeconds, int segmentCount, double elapsedMs);

        [LoggerMessage(EventId = 1303, Level = LogLevel.Debug, Message = "Aborted the decode of {AudioSeconds:F2} s of audio after {ElapsedMs:F0} ms: cancelled")]
        public static partial void DecodeCancelled(ILogger logger, double audioSeconds, double elapsedMs);
    }
}
