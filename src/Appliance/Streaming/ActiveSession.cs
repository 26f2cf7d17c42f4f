using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Settings;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// The current (or last) caption session: what it was started with, its output and metrics for its whole life, and
/// the run of the pipeline under way, if any (none while paused). Changed only by the session controller.
/// </summary>
internal sealed class ActiveSession(string id, DateTimeOffset startedAt, PipelineMetrics metrics)
{
    public string Id { get; } = id;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public PipelineMetrics Metrics { get; } = metrics;

    /// <summary>Null until the model is loaded and the transcript opened.</summary>
    public CaptionOutput? Output { get; set; }

    public LoadedModel? Model { get; set; }

    /// <summary>The input and language it was started with; every resume uses the same.</summary>
    public SessionInput? Input { get; set; }

    /// <summary>The pipeline run under way; null while paused and once ended.</summary>
    public PipelineRun? Run { get; set; }

    /// <summary>The last run's pipeline, for status (its input, what the voice-activity model heard) while paused and after the end.</summary>
    public CaptionPipeline? LastPipeline { get; set; }

    public DateTimeOffset? PausedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The session as status shows it, in <paramref name="state"/>.</summary>
    public SessionSnapshot Snapshot(string state, string? error, TimeSpan audioAliveWindow, TimeProvider time)
    {
        var pipeline = Run?.Pipeline ?? LastPipeline;
        var source = pipeline?.Source;
        var lastFrame = Metrics.LastFrameTimestamp;
        var input = source?.Status;
        var (p50, p95) = Metrics.DecodeTimePercentiles();
        return new SessionSnapshot(
            Id,
            state,
            StartedAt,
            source?.Description,
            // An input that says it has lost its audio is not alive, however recent its last frame.
            state == SessionStates.Live && input?.State is not (AudioInputStates.NoAudio or AudioInputStates.Connecting)
                && lastFrame != long.MinValue && time.GetElapsedTime(lastFrame) <= audioAliveWindow,
            Metrics.LagMs,
            Metrics.DroppedAudioMs,
            Metrics.CommittedLines,
            error,
            input,
            pipeline?.Vad,
            Metrics.Decodes,
            p50,
            p95,
            Output?.Guards.Counts,
            PausedAt,
            EndedAt,
            Output?.TranscriptWriting ?? false,
            Output?.Transcript,
            Metrics.DecodeFailures,
            Metrics.LastDecodeError);
    }
}
