using System.Security.Cryptography;
using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Models;
using LiveStt.Appliance.Speech;
using LiveStt.Appliance.Transcription;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// The caption session: on host start (when <see cref="StreamingOptions.AutoStart"/> is set) it resolves and
/// loads the model, opens the audio source and runs the pipeline until the audio ends or the host stops.
/// A failure (no model, no libwhisper, unreadable audio) leaves the session faulted with its reason; the
/// host keeps running so status, health and updates still work.
/// </summary>
internal sealed partial class CaptionSession(
    IOptions<StreamingOptions> options,
    IModelProvider models,
    IWhisperRuntime whisper,
    CaptionPipelineFactory pipelines,
    TimeProvider timeProvider,
    ILogger<CaptionSession> logger)
    : BackgroundService, ICaptionSessionState
{
    /// <summary>Audio counts as flowing if a frame arrived within this long (or three frames' time, if longer).</summary>
    private static readonly TimeSpan AudioAliveWindow = TimeSpan.FromSeconds(2);

    private readonly Lock gate = new();
    private string? sessionId;
    private string state = SessionStates.Idle;
    private DateTimeOffset? startedAt;
    private string? error;
    private PipelineMetrics? metrics;
    private CaptionPipeline? pipeline;

    public SessionSnapshot Current
    {
        get
        {
            lock (gate)
            {
                var current = metrics;
                var alive = state == SessionStates.Live && current is not null && IsAudioAlive(current);
                var (p50, p95) = current?.DecodeTimePercentiles() ?? (null, null);
                return new SessionSnapshot(
                    sessionId,
                    state,
                    startedAt,
                    pipeline?.Source.Description,
                    alive,
                    current?.LagMs ?? 0,
                    current?.DroppedAudioMs ?? 0,
                    current?.CommittedLines ?? 0,
                    error,
                    pipeline?.Source.Status,
                    pipeline?.Vad,
                    current?.Decodes ?? 0,
                    p50,
                    p95,
                    pipeline?.Suppressed);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (state is SessionStates.Starting or SessionStates.Live)
            {
                state = SessionStates.Stopping;
            }
        }

        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting; model resolution may take a while (a download).
        await Task.Yield();
        if (!options.Value.AutoStart)
        {
            Log.NotStarted(logger);
            return;
        }

        await RunSessionAsync(stoppingToken);
    }

    private async Task RunSessionAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var sessionMetrics = new PipelineMetrics();
        var started = timeProvider.GetUtcNow();
        lock (gate)
        {
            sessionId = id;
            state = SessionStates.Starting;
            startedAt = started;
            pipeline = null;
            error = null;
            metrics = sessionMetrics;
        }

        Log.Starting(logger, id);
        try
        {
            // The session counts as ended only once the model and transcript are released.
            await CaptionAsync(settings, id, started, sessionMetrics, stoppingToken);
            SetState(SessionStates.Idle, null);
            Log.Ended(logger, id, sessionMetrics.CommittedLines, sessionMetrics.DroppedAudioMs);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            SetState(SessionStates.Idle, null);
            Log.Stopped(logger, id, sessionMetrics.CommittedLines, sessionMetrics.DroppedAudioMs);
        }
        catch (Exception ex)
        {
            SetState(SessionStates.Faulted, ex.Message);
            Log.Faulted(logger, ex, id, ex.Message);
        }
    }

    private async Task CaptionAsync(StreamingOptions settings, string id, DateTimeOffset started, PipelineMetrics sessionMetrics, CancellationToken stoppingToken)
    {
        var model = await models.ResolveAsync(stoppingToken);
        // Not cancellable part-way: a model loaded after a cancel would never be disposed.
        using var transcriber = await Task.Run(() => whisper.Load(model.Path), CancellationToken.None);
        stoppingToken.ThrowIfCancellationRequested();
        using var transcript = OpenTranscript(settings, id, started);
        using var run = pipelines.Create(id, transcriber, model.IsDemo, transcript, sessionMetrics);
        lock (gate)
        {
            pipeline = run;
            if (state == SessionStates.Starting)
            {
                state = SessionStates.Live;
            }
        }

        Log.Live(logger, id, model.Name, model.IsDemo, run.Source.Description, transcript?.Path);
        await run.RunAsync(stoppingToken);
    }

    private TranscriptWriter? OpenTranscript(StreamingOptions settings, string id, DateTimeOffset started)
    {
        if (string.IsNullOrWhiteSpace(settings.TranscriptDirectory))
        {
            return null;
        }

        try
        {
            return TranscriptWriter.Create(settings.TranscriptDirectory, id, started);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Captions matter more than the record of them: go on, and say so loudly.
            Log.TranscriptUnavailable(logger, ex, settings.TranscriptDirectory);
            return null;
        }
    }

    private void SetState(string newState, string? reason)
    {
        lock (gate)
        {
            state = newState;
            error = reason;
        }
    }

    private bool IsAudioAlive(PipelineMetrics current)
    {
        var last = current.LastFrameTimestamp;
        return last != long.MinValue && timeProvider.GetElapsedTime(last) <= AudioAliveWindow;
    }

    private static partial class Log
    {
        [LoggerMessage(1620, LogLevel.Information, "Caption session not started: Streaming:AutoStart is off")]
        public static partial void NotStarted(ILogger logger);

        [LoggerMessage(1621, LogLevel.Information, "Caption session {SessionId} starting")]
        public static partial void Starting(ILogger logger, string sessionId);

        [LoggerMessage(1622, LogLevel.Information, "Caption session {SessionId} live: model {Model} (demo {IsDemo}), audio {Source}, transcript {TranscriptPath}")]
        public static partial void Live(ILogger logger, string sessionId, string model, bool isDemo, string source, string? transcriptPath);

        [LoggerMessage(1623, LogLevel.Information, "Caption session {SessionId} ended with its audio: {CommittedLines} lines committed, {DroppedAudioMs} ms of audio dropped")]
        public static partial void Ended(ILogger logger, string sessionId, long committedLines, long droppedAudioMs);

        [LoggerMessage(1624, LogLevel.Information, "Caption session {SessionId} stopped: {CommittedLines} lines committed, {DroppedAudioMs} ms of audio dropped")]
        public static partial void Stopped(ILogger logger, string sessionId, long committedLines, long droppedAudioMs);

        [LoggerMessage(1625, LogLevel.Error, "Caption session {SessionId} faulted: {Reason}")]
        public static partial void Faulted(ILogger logger, Exception exception, string sessionId, string reason);

        [LoggerMessage(1626, LogLevel.Error, "No transcript will be written: {Directory} cannot be used")]
        public static partial void TranscriptUnavailable(ILogger logger, Exception exception, string directory);
    }
}
