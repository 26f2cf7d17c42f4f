namespace LiveStt.Appliance.Streaming;

/// <summary>
/// One run of a session's pipeline, from a start or a resume to a pause, a stop or the end of its audio. Ending it
/// never throws: what the run ended with (null, or the failure that ended it) is its <see cref="Outcome"/>.
/// </summary>
internal sealed class PipelineRun : IDisposable
{
    private readonly CancellationTokenSource endOfAudio = new();
    private readonly CancellationTokenSource abort;
    private int endedByCommand;

    private PipelineRun(CaptionPipeline pipeline, CancellationToken shutdown)
    {
        Pipeline = pipeline;
        abort = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        Outcome = RunAsync();
    }

    public CaptionPipeline Pipeline { get; }

    /// <summary>Completes when the run has ended: null when it ended cleanly or was ended, else what failed.</summary>
    public Task<Exception?> Outcome { get; }

    /// <summary>Whether a command (pause, stop) ended the run, rather than its audio or a failure.</summary>
    public bool EndedByCommand => Volatile.Read(ref endedByCommand) != 0;

    public static PipelineRun Start(CaptionPipeline pipeline, CancellationToken shutdown) => new(pipeline, shutdown);

    /// <summary>
    /// Stops the audio and lets the pipeline decode and commit what it heard last; aborts it when that takes longer
    /// than <paramref name="grace"/>.
    /// </summary>
    public async Task<Exception?> EndAudioAsync(TimeSpan grace)
    {
        Volatile.Write(ref endedByCommand, 1);
        await endOfAudio.CancelAsync();
        if (await Task.WhenAny(Outcome, Task.Delay(grace)) != Outcome)
        {
            await abort.CancelAsync();
        }

        return await Outcome;
    }

    /// <summary>Aborts the run where it is: a decode under way is cancelled, and nothing more is heard or committed.</summary>
    public async Task<Exception?> AbortAsync()
    {
        Volatile.Write(ref endedByCommand, 1);
        await abort.CancelAsync();
        return await Outcome;
    }

    public void Dispose()
    {
        Pipeline.Dispose();
        endOfAudio.Dispose();
        abort.Dispose();
    }

    private async Task<Exception?> RunAsync()
    {
        // Off the caller's thread: a start or resume returns as soon as the run is under way.
        await Task.Yield();
        try
        {
            await Pipeline.RunAsync(endOfAudio.Token, abort.Token);
            return null;
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return null;
        }
#pragma warning disable CA1031 // The run's failure is the session's to report; it must not escape as an unobserved task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex;
        }
    }
}
