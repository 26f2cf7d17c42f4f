using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Guards;
using LiveStt.Appliance.Transcripts;
using LiveStt.Appliance.Vocabulary;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// Where a session's text goes: committed lines to the transcript and the phones, the tentative tail to the phones
/// only. A line the guards refuse goes nowhere; the rest is spelled the site's way first. Delivery trouble never
/// stops transcription, and a transcript the disk refuses keeps its records waiting (<see cref="TranscriptSink"/>)
/// while captions go on.
/// </summary>
/// <remarks>
/// One output serves the whole session, across its pauses: sequence numbers run on, and each run of the pipeline
/// after a resume has its times moved to where it starts in the session. While suspended (paused) it lets nothing
/// through; suspending waits for a line on its way out, so nothing reaches a phone after the pause was announced.
/// A session the appliance goes on with after it was cut off starts from its last seq on disk, suspended if it was
/// paused.
/// </remarks>
/// <param name="transcriptProblem">Why there is no transcript when one should be kept; null when it is kept or turned off.</param>
/// <param name="lastSeq">The seq the session's events go on from: 0 for a new session.</param>
/// <param name="suspended">Whether it starts paused.</param>
/// <param name="offsetMs">Where in the session its first run's audio starts: 0 for a new session.</param>
internal sealed partial class CaptionOutput(
    string sessionId,
    ICaptionPublisher publisher,
    TranscriptSink? transcript,
    string? transcriptProblem,
    CaptionGuards guards,
    ISiteVocabulary vocabulary,
    PipelineMetrics metrics,
    TimeProvider timeProvider,
    ILogger logger,
    long lastSeq = 0,
    bool suspended = false,
    long offsetMs = 0) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private long seq = lastSeq;
    private string publishedTentative = "";

    /// <summary>The guards this session's text passes; the pipeline checks segments with the same ones.</summary>
    public CaptionGuards Guards => guards;

    /// <summary>The transcript file, or null when transcripts are off or it could not be created.</summary>
    public string? TranscriptPath => transcript?.Path;

    /// <summary>Whether the transcript is being written: false when there is none or records wait for the disk.</summary>
    public bool TranscriptWriting => transcript is not null && transcript.Status.Writing;

    /// <summary>How the transcript is being written; null when transcripts are off.</summary>
    public TranscriptStatus? Transcript => transcript?.Status
        ?? (transcriptProblem is null ? null : new TranscriptStatus(null, Writing: false, Pending: 0, DroppedLines: 0, transcriptProblem));

    /// <summary>Writes and publishes <paramref name="words"/> as one committed line.</summary>
    public async Task CommitAsync(IReadOnlyList<TimedWord> words, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0)
        {
            return;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (suspended)
            {
                return;
            }

            var heard = string.Join(' ', words.Select(word => word.Text));
            if (guards.CheckLine(heard) is not null)
            {
                return;
            }

            var text = vocabulary.Apply(heard);
            var startMs = offsetMs + words[0].StartMs;
            var endMs = offsetMs + words.Max(word => word.EndMs);
            var caption = new CaptionEvent(sessionId, ++seq, CaptionKind.Committed, text, startMs, endMs);
            transcript?.Append(TranscriptRecord.Line(caption.Seq, timeProvider.GetUtcNow(), startMs, endMs, text));
            metrics.LineCommitted();
            await PublishAsync(caption, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Publishes the tentative words when they differ from what phones show now.</summary>
    public async Task ShowTentativeAsync(IReadOnlyList<TimedWord> tentative, long committedEndMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tentative);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var text = vocabulary.Apply(string.Join(' ', tentative.Select(word => word.Text)));
            if (suspended || string.Equals(text, publishedTentative, StringComparison.Ordinal))
            {
                return;
            }

            publishedTentative = text;
            var startMs = offsetMs + (tentative.Count > 0 ? tentative[0].StartMs : committedEndMs);
            var endMs = tentative.Count > 0 ? offsetMs + tentative.Max(word => word.EndMs) : startMs;
            await PublishAsync(new CaptionEvent(sessionId, ++seq, CaptionKind.Tentative, text, startMs, endMs), cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Lets nothing more through (a pause), once any line on its way out has gone, and records the pause at
    /// <paramref name="sessionMs"/>. Phones drop their tentative text when told of the pause.
    /// </summary>
    public async Task SuspendAsync(long sessionMs)
    {
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            suspended = true;
            publishedTentative = "";
            transcript?.Append(TranscriptRecord.Pause(paused: true, timeProvider.GetUtcNow(), sessionMs));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Lets text through again, from a pipeline run whose audio starts <paramref name="sessionMs"/> into the session.</summary>
    public async Task ResumeAsync(long sessionMs)
    {
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            offsetMs = sessionMs;
            suspended = false;
            transcript?.Append(TranscriptRecord.Pause(paused: false, timeProvider.GetUtcNow(), sessionMs));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Records the session's end in the transcript; nothing is let through after it.</summary>
    public async Task EndAsync(string reason)
    {
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            suspended = true;
            transcript?.Append(TranscriptRecord.End(timeProvider.GetUtcNow(), reason));
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        transcript?.Dispose();
        gate.Dispose();
    }

    private async Task PublishAsync(CaptionEvent caption, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishAsync(caption with { PublishedAtUnixMs = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Delivery trouble must not stop transcription; committed text is in the transcript regardless.
            Log.PublishFailed(logger, ex, caption.Seq, caption.Kind);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1606, LogLevel.Error, "Publishing caption {Seq} ({Kind}) failed")]
        public static partial void PublishFailed(ILogger logger, Exception exception, long seq, CaptionKind kind);
    }
}
