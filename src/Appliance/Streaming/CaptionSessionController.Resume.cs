using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Transcripts;

namespace LiveStt.Appliance.Streaming;

/// <summary>Going on, at start-up, with the session the appliance was running when it was cut off.</summary>
internal sealed partial class CaptionSessionController
{
    /// <summary>Continues the cut-off session if <see cref="ResumeDecision"/> says so; whether it did.</summary>
    private async Task<bool> TryContinueCutOffAsync(CancellationToken stoppingToken)
    {
        var resume = ResumeDecision.Decide(transcripts.Value.Directory, timeProvider.GetUtcNow(), TimeSpan.FromSeconds(options.Value.ResumeWindowSeconds));
        if (resume.Transcript is not { } cutOff)
        {
            Log.NotResuming(logger, resume.Reason);
            return false;
        }

        Log.Resuming(logger, cutOff.SessionId, resume.Reason, cutOff.Lines.Count, cutOff.LastSeq);
        await CommandAsync(() => ContinueAsync(cutOff), stoppingToken);
        return true;
    }

    /// <summary>Goes on with the session the appliance was running when it was cut off; the caller holds the command lock.</summary>
    private async Task ContinueAsync(TranscriptTail cutOff)
    {
        lock (gate)
        {
            if (session is not null)
            {
                // A volunteer's Start got in first; that session is the one they asked for.
                return;
            }
        }

        var live = new ActiveSession(cutOff.SessionId, cutOff.StartedAt, new PipelineMetrics());
        live.Metrics.LinesRestored(cutOff.Lines.Count);

        // Before anyone is told it is starting, so a phone that reconnects at once gets what it missed.
        var committed = cutOff.Lines
            .Select(line => new CaptionEvent(cutOff.SessionId, line.Seq, CaptionKind.Committed, line.Text, line.StartMs, line.EndMs))
            .ToList();
        try
        {
            await publisher.RestoreAsync(cutOff.SessionId, committed, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.RestoreFailed(logger, ex, cutOff.SessionId);
        }

        await OpenAsync(live, cutOff);
    }

    /// <summary>
    /// Writes the end of a cut-off session that ended before its output was opened (stopped, or no model), since no
    /// output will: otherwise the next start would take it up again.
    /// </summary>
    private void EndUnopened(ActiveSession live, TranscriptTail? cutOff, string reason)
    {
        if (cutOff is null || live.Output is not null)
        {
            return;
        }

        try
        {
            using var writer = TranscriptWriter.Reopen(cutOff.Path, cutOff.CompleteLength);
            writer.Write(TranscriptRecord.End(timeProvider.GetUtcNow(), reason));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.EndUnwritten(logger, ex, cutOff.SessionId, cutOff.Path);
        }
    }
}
