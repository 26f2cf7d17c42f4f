using LiveStt.Appliance.Transcripts;

namespace LiveStt.Appliance.Streaming;

/// <summary>Pause and resume: the input closed and nothing decoded, stored or sent, then a new run in the same session.</summary>
internal sealed partial class CaptionSessionController
{
    /// <summary>Pauses the live session; the caller holds the command lock.</summary>
    private async Task PauseAsync()
    {
        ActiveSession live;
        PipelineRun run;
        lock (gate)
        {
            if (state == SessionStates.Paused)
            {
                return;
            }

            if (state != SessionStates.Live || session?.Run is null)
            {
                throw new SessionCommandException("Captions are not running, so there is nothing to pause.");
            }

            live = session;
            run = session.Run;
        }

        // From here nothing reaches a phone or the transcript; viewers hear of the pause at once.
        await live.Output!.SuspendAsync(SessionMs(live));
        lock (gate)
        {
            state = SessionStates.Paused;
            live.PausedAt = timeProvider.GetUtcNow();
        }

        await AnnounceAsync();
        var failure = await run.AbortAsync();
        lock (gate)
        {
            live.Run = null;
        }

        run.Dispose();
        Log.Paused(logger, live.Id, live.Metrics.CommittedLines);
        if (failure is not null)
        {
            await EndAsync(live, TranscriptFormat.EndFaulted, failure);
        }
    }

    /// <summary>Resumes the paused session in a new run; the caller holds the command lock.</summary>
    private async Task ResumeAsync()
    {
        ActiveSession live;
        lock (gate)
        {
            if (state == SessionStates.Live)
            {
                return;
            }

            if (state != SessionStates.Paused || session is null)
            {
                throw new SessionCommandException("Captions are not paused, so there is nothing to resume.");
            }

            live = session;
        }

        await live.Output!.ResumeAsync(SessionMs(live));
        try
        {
            StartRun(live);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await EndAsync(live, TranscriptFormat.EndFaulted, ex);
            return;
        }

        lock (gate)
        {
            state = SessionStates.Live;
            live.PausedAt = null;
        }

        Log.Resumed(logger, live.Id);
        await AnnounceAsync();
    }
}
