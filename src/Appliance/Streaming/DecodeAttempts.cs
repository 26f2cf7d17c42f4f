using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// The pipeline's decodes, each of which may fail. A failed decode is counted and logged and yields nothing: the window
/// keeps its audio, so the next step decodes it again with what has arrived since, and a passing fault (a device that
/// was busy or short of memory, one bad native call) loses no words. Only <see cref="MaxConsecutiveFailures"/> failures
/// in a row end the run: whisper is then not working at all, and the session says so rather than staying live with
/// nothing to show.
/// </summary>
internal sealed partial class DecodeAttempts(ITranscriber transcriber, PipelineMetrics metrics, ILogger logger)
{
    /// <summary>Failed decodes in a row that end the run (about five seconds of failing, at the default step).</summary>
    public const int MaxConsecutiveFailures = 5;

    private int consecutiveFailures;

    /// <summary>The decode's result; null when whisper failed.</summary>
    /// <exception cref="WhisperTranscriptionException">This was the <see cref="MaxConsecutiveFailures"/>th failure in a row.</exception>
    public async Task<TranscriptionResult?> TryDecodeAsync(ReadOnlyMemory<float> samples, TranscriptionRequest request, long windowStartMs, CancellationToken cancellationToken)
    {
        try
        {
            var result = await transcriber.TranscribeAsync(samples, request, cancellationToken);
            consecutiveFailures = 0;
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever whisper throws (its own errors, a native call that failed) is counted and shown, not fatal.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            consecutiveFailures++;
            metrics.DecodeFailed(ex.Message);
            Log.DecodeFailed(logger, ex, samples.Length / Audio.AudioFrame.SamplesPerMillisecond, windowStartMs, consecutiveFailures, ex.Message);
            if (consecutiveFailures >= MaxConsecutiveFailures)
            {
                throw new WhisperTranscriptionException($"whisper failed {consecutiveFailures} decodes in a row; the last: {ex.Message}", ex);
            }

            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1608, LogLevel.Warning, "A whisper decode of {WindowMs} ms of audio from {WindowStartMs} ms failed ({Consecutive} in a row); the window is decoded again at the next step: {Reason}")]
        public static partial void DecodeFailed(ILogger logger, Exception exception, long windowMs, long windowStartMs, int consecutive, string reason);
    }
}
