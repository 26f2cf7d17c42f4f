using System.Security.Cryptography;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Models;
using LiveStt.Appliance.Settings;
using LiveStt.Appliance.Transcription;
using LiveStt.Appliance.Transcripts;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// Owns the caption session's life. The model is loaded once, at start-up, and stays loaded between sessions; each
/// Start opens a transcript and runs the pipeline on the input the kiosk chose, a pause ends the run (the input is
/// closed, nothing is decoded, stored or sent) and a resume starts another in the same session, and Stop or the end
/// of the audio closes the session. Commands are taken one at a time. A failure (no model, an input that cannot be
/// opened, whisper failing) leaves the session faulted with its reason; the host keeps running so status, health,
/// the kiosk and updates still work.
/// </summary>
/// <remarks>
/// At start-up, before <see cref="StreamingOptions.AutoStart"/> is looked at, a session the appliance was running when
/// it was cut off is continued if it was alive within <see cref="StreamingOptions.ResumeWindowSeconds"/>
/// (<see cref="ResumeDecision"/>): nobody asked for it to stop, so whoever started it, the box or a volunteer, expects
/// it back. It keeps its id and transcript, seq goes on from the last line on disk, the lines before the cut fill the
/// viewers' backlog again, and a session that was paused comes back paused.
/// </remarks>
internal sealed partial class CaptionSessionController(
    IOptions<StreamingOptions> options,
    IOptions<TranscriptOptions> transcripts,
    IModelProvider models,
    IWhisperRuntime whisper,
    InputSettingsStore inputs,
    CaptionPipelineFactory pipelines,
    ICaptionPublisher publisher,
    TimeProvider timeProvider,
    ILogger<CaptionSessionController> logger)
    : BackgroundService, ISessionController
{
    /// <summary>Audio counts as flowing if a frame arrived within this long.</summary>
    private static readonly TimeSpan AudioAliveWindow = TimeSpan.FromSeconds(2);

    /// <summary>How long Stop lets the pipeline decode and commit the last words before cutting it off.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>The same, when the host is shutting down (Docker allows the container 15 s).</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim commands = new(1, 1);
    private readonly CancellationTokenSource shutdown = new();
    private readonly Lock gate = new();
    private readonly ModelKeeper model = new(models, whisper, logger);
    private ActiveSession? session;
    private string state = SessionStates.Idle;
    private string? error;
    private CancellationTokenSource? pendingStart;
    private int disposed;

    public SessionSnapshot Current
    {
        get
        {
            lock (gate)
            {
                return session?.Snapshot(state, error, AudioAliveWindow, timeProvider) ?? new SessionSnapshot(null, state, null, null, false, 0, 0, 0, error);
            }
        }
    }

    public Task<SessionSnapshot> StartSessionAsync(CancellationToken cancellationToken) => CommandAsync(StartAsync, cancellationToken);

    public Task<SessionSnapshot> StopSessionAsync(CancellationToken cancellationToken)
    {
        CancelPendingStart();
        return CommandAsync(() => StopAsync(TranscriptFormat.EndStopped, StopGrace), cancellationToken);
    }

    public Task<SessionSnapshot> PauseSessionAsync(CancellationToken cancellationToken) => CommandAsync(PauseAsync, cancellationToken);

    public Task<SessionSnapshot> ResumeSessionAsync(CancellationToken cancellationToken) => CommandAsync(ResumeAsync, cancellationToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref disposed) != 0)
        {
            // The test host may dispose its services before it stops them: nothing is left to stop.
            return;
        }

        CancelPendingStart();
        await CommandAsync(
            async () =>
            {
                await StopAsync(TranscriptFormat.EndShutdown, ShutdownGrace);
                await shutdown.CancelAsync();
            },
            CancellationToken.None);
        await base.StopAsync(cancellationToken);
    }

    /// <remarks>Safe to call twice: the host disposes the controller once for each service it is registered as.</remarks>
    public override void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        base.Dispose();
        model.Dispose();
        commands.Dispose();
        shutdown.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting; model resolution may take a while (a download).
        await Task.Yield();
        if (await TryContinueCutOffAsync(stoppingToken))
        {
            return;
        }

        if (options.Value.AutoStart)
        {
            await StartSessionAsync(stoppingToken);
            return;
        }

        Log.NotStarted(logger);
        try
        {
            await model.EnsureLoadedAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Nobody asked for captions yet, but the box cannot give them: say so now, not when a volunteer taps Start.
            lock (gate)
            {
                if (session is null && state == SessionStates.Idle)
                {
                    state = SessionStates.Faulted;
                    error = ex.Message;
                }
            }

            Log.ModelUnavailable(logger, ex, ex.Message);
            await AnnounceAsync();
        }
    }

    /// <summary>Runs one command at a time, and answers with the session as the command left it.</summary>
    private async Task<SessionSnapshot> CommandAsync(Func<Task> command, CancellationToken cancellationToken)
    {
        await commands.WaitAsync(cancellationToken);
        try
        {
            await command();
            return Current;
        }
        finally
        {
            commands.Release();
        }
    }

    /// <summary>Starts a new session unless one is running or paused; the caller holds the command lock.</summary>
    private async Task StartAsync()
    {
        lock (gate)
        {
            if (state is SessionStates.Live or SessionStates.Paused)
            {
                return;
            }
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        await OpenAsync(new ActiveSession(id, timeProvider.GetUtcNow(), new PipelineMetrics()), resumed: null);
    }

    /// <summary>
    /// Opens <paramref name="live"/>: its model, input and output, then its first run (none for a session continued
    /// paused); the caller holds the command lock.
    /// </summary>
    private async Task OpenAsync(ActiveSession live, TranscriptTail? resumed)
    {
        var id = live.Id;
        using var starting = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token);
        lock (gate)
        {
            session = live;
            state = SessionStates.Starting;
            error = null;
            pendingStart = starting;
        }

        Log.Starting(logger, id);
        await AnnounceAsync();
        try
        {
            live.Model = await model.EnsureLoadedAsync(starting.Token);
            live.Input = inputs.Current;
            live.Output = pipelines.CreateOutput(id, live.StartedAt, live.Model.Model.IsDemo, live.Input.Language, live.Metrics, resumed);
            if (resumed is { Paused: true })
            {
                lock (gate)
                {
                    state = SessionStates.Paused;
                    live.PausedAt = timeProvider.GetUtcNow();
                }

                Log.ContinuedPaused(logger, id, live.Output.TranscriptPath);
                await AnnounceAsync();
                return;
            }

            StartRun(live);
            lock (gate)
            {
                state = SessionStates.Live;
            }

            Log.Live(logger, id, live.Model.Model.Name, live.Model.Model.IsDemo, live.LastPipeline!.Source.Description, live.Input.Language, live.Output.TranscriptPath);
            await AnnounceAsync();
        }
        catch (OperationCanceledException) when (starting.IsCancellationRequested)
        {
            var reason = shutdown.IsCancellationRequested ? TranscriptFormat.EndShutdown : TranscriptFormat.EndStopped;
            EndUnopened(live, resumed, reason);
            await EndAsync(live, reason, failure: null);
        }
        catch (Exception ex)
        {
            EndUnopened(live, resumed, TranscriptFormat.EndFaulted);
            await EndAsync(live, TranscriptFormat.EndFaulted, ex);
        }
        finally
        {
            lock (gate)
            {
                pendingStart = null;
            }
        }
    }

    /// <summary>Ends the running or paused session, if any; the caller holds the command lock.</summary>
    private async Task StopAsync(string reason, TimeSpan grace)
    {
        ActiveSession live;
        lock (gate)
        {
            if (session is null || state is SessionStates.Idle or SessionStates.Faulted)
            {
                return;
            }

            live = session;
            state = SessionStates.Stopping;
        }

        var failure = live.Run is { } run ? await run.EndAudioAsync(grace) : null;
        await EndAsync(live, failure is null ? reason : TranscriptFormat.EndFaulted, failure);
    }

    private void StartRun(ActiveSession live)
    {
        var pipeline = pipelines.Create(live.Output!, live.Model!.Transcriber, live.Model.Model.IsDemo, live.Input!.Audio, live.Input.Language, live.Metrics);
        var run = PipelineRun.Start(pipeline, shutdown.Token);
        lock (gate)
        {
            live.Run = run;
            live.LastPipeline = pipeline;
        }

        _ = WatchAsync(live, run);
    }

    /// <summary>Ends the session when its run ends by itself: the audio ended, or something failed.</summary>
    private async Task WatchAsync(ActiveSession live, PipelineRun run)
    {
        var failure = await run.Outcome;
        if (run.EndedByCommand)
        {
            return;
        }

        await commands.WaitAsync(CancellationToken.None);
        try
        {
            lock (gate)
            {
                if (run.EndedByCommand || !ReferenceEquals(live.Run, run))
                {
                    return;
                }
            }

            await EndAsync(live, failure is null ? TranscriptFormat.EndAudioEnded : TranscriptFormat.EndFaulted, failure);
        }
        finally
        {
            commands.Release();
        }
    }

    /// <summary>
    /// Closes the session: its run, then its transcript (with why it ended). The session counts as ended only once
    /// both are released.
    /// </summary>
    private async Task EndAsync(ActiveSession live, string reason, Exception? failure)
    {
        PipelineRun? run;
        lock (gate)
        {
            run = live.Run;
            live.Run = null;
        }

        run?.Dispose();
        if (live.Output is { } output)
        {
            await output.EndAsync(reason);
            output.Dispose();
        }

        lock (gate)
        {
            live.EndedAt = timeProvider.GetUtcNow();
            live.PausedAt = null;
            state = failure is null ? SessionStates.Idle : SessionStates.Faulted;
            error = failure?.Message;
        }

        if (failure is not null)
        {
            Log.Faulted(logger, failure, live.Id, failure.Message);
        }
        else if (reason == TranscriptFormat.EndAudioEnded)
        {
            Log.Ended(logger, live.Id, live.Metrics.CommittedLines, live.Metrics.DroppedAudioMs);
        }
        else
        {
            Log.Stopped(logger, live.Id, live.Metrics.CommittedLines, live.Metrics.DroppedAudioMs);
        }

        await AnnounceAsync();
    }

    private async Task AnnounceAsync()
    {
        SessionNotice notice;
        lock (gate)
        {
            notice = new SessionNotice(session?.Id, ViewerSessionStates.Of(state, hadSession: session is not null), session?.StartedAt);
        }

        try
        {
            await publisher.AnnounceAsync(notice, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AnnounceFailed(logger, ex, notice.State);
        }
    }

    private void CancelPendingStart()
    {
        // A start still waiting for its model (a first download) gives up rather than hold a stop back.
        lock (gate)
        {
            pendingStart?.Cancel();
        }
    }

    private long SessionMs(ActiveSession live) => (long)(timeProvider.GetUtcNow() - live.StartedAt).TotalMilliseconds;
}
