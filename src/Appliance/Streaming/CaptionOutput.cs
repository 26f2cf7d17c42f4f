using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Guards;
using LiveStt.Appliance.Vocabulary;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// Where a session's text goes: committed lines to the transcript and the phones, the tentative tail to the phones
/// only. A line the guards refuse goes nowhere; the rest is spelled the site's way first. Delivery trouble never
/// stops transcription, and a transcript that cannot be written is given up on once, loudly, while captions go on.
/// </summary>
internal sealed partial class CaptionOutput(
    string sessionId,
    ICaptionPublisher publisher,
    TranscriptWriter? transcript,
    CaptionGuards guards,
    ISiteVocabulary vocabulary,
    PipelineMetrics metrics,
    TimeProvider timeProvider,
    ILogger logger)
{
    private long seq;
    private string publishedTentative = "";
    private bool transcriptFailed;

    /// <summary>Writes and publishes <paramref name="words"/> as one committed line.</summary>
    public async Task CommitAsync(IReadOnlyList<TimedWord> words, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0)
        {
            return;
        }

        var heard = string.Join(' ', words.Select(word => word.Text));
        if (guards.CheckLine(heard) is not null)
        {
            return;
        }

        var text = vocabulary.Apply(heard);
        var startMs = words[0].StartMs;
        var endMs = words.Max(word => word.EndMs);
        WriteTranscript(startMs, endMs, text);
        metrics.LineCommitted();
        await PublishAsync(new CaptionEvent(sessionId, ++seq, CaptionKind.Committed, text, startMs, endMs), cancellationToken);
    }

    /// <summary>Publishes the tentative words when they differ from what phones show now.</summary>
    public async Task ShowTentativeAsync(IReadOnlyList<TimedWord> tentative, long committedEndMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tentative);
        var text = vocabulary.Apply(string.Join(' ', tentative.Select(word => word.Text)));
        if (string.Equals(text, publishedTentative, StringComparison.Ordinal))
        {
            return;
        }

        publishedTentative = text;
        var startMs = tentative.Count > 0 ? tentative[0].StartMs : committedEndMs;
        var endMs = tentative.Count > 0 ? tentative.Max(word => word.EndMs) : startMs;
        await PublishAsync(new CaptionEvent(sessionId, ++seq, CaptionKind.Tentative, text, startMs, endMs), cancellationToken);
    }

    private async Task PublishAsync(CaptionEvent caption, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishAsync(caption, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Delivery trouble must not stop transcription; committed text is in the transcript regardless.
            Log.PublishFailed(logger, ex, caption.Seq, caption.Kind);
        }
    }

    private void WriteTranscript(long startMs, long endMs, string text)
    {
        if (transcript is null || transcriptFailed)
        {
            return;
        }

        try
        {
            transcript.AppendLine(timeProvider.GetUtcNow(), startMs, endMs, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            transcriptFailed = true;
            Log.TranscriptFailed(logger, ex, transcript.Path);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1606, LogLevel.Error, "Publishing caption {Seq} ({Kind}) failed")]
        public static partial void PublishFailed(ILogger logger, Exception exception, long seq, CaptionKind kind);

        [LoggerMessage(1607, LogLevel.Error, "Writing the transcript {Path} failed; captions go on without it")]
        public static partial void TranscriptFailed(ILogger logger, Exception exception, string path);
    }
}
