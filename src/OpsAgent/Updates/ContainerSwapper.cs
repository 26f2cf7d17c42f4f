using System.Collections.Concurrent;
using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Engine;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Logs;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// Replaces a service's container with one from a new image as a journaled state machine: create the new
/// container beside the old, stop the old, start the new, wait for Docker health "healthy", then remove the old
/// and hand over the name (and the local tag). Any failure before the commit goes back to the old container (the
/// exact previous image) — unless it is gone, when the new one stays. After a crash, or a Docker error while
/// finishing, <see cref="RecoverJournalAsync"/> finishes or undoes whatever the journal says was in flight, so
/// exactly one version runs.
/// </summary>
internal sealed partial class ContainerSwapper(
    IDockerClient docker,
    SwapJournalStore journals,
    UpdateHistory history,
    AgentStateStore state,
    ContainerHealthWaiter health,
    RemovedContainerLogs removedLogs,
    FailedImagePruner pruner,
    SwapPauses pauses,
    IOptions<OpsAgentOptions> options,
    TimeProvider time,
    ILogger<ContainerSwapper> logger)
{
    private readonly ConcurrentDictionary<(string SwapId, SwapStep Step), byte> recoveriesRecorded = new();

    public async Task<(SwapOutcome Outcome, string Detail)> SwapAsync(
        ManagedServiceOptions service, ContainerInspectResponse old, string newImageId, string target, CancellationToken cancellationToken,
        string? owner = null, string? tagOnCommit = null)
    {
        if (journals.Load(service.Name) is { } pending)
        {
            // Its journal is the only record of which container to go back to: it is finished first, never overwritten.
            return (SwapOutcome.RecoveryPending, $"an earlier swap ({pending.SwapId}, at step {pending.Step}) is not finished yet");
        }
        var journal = new SwapJournal
        {
            SwapId = Guid.NewGuid().ToString("N")[..12],
            Service = service.Name,
            ContainerName = service.ContainerName,
            OldContainerId = old.ID,
            OldImageId = old.Image,
            NewImageId = newImageId,
            Target = target,
            TagOnCommit = tagOnCommit,
            StartedAt = time.GetUtcNow(),
            Owner = owner,
        };
        await RemoveIfExistsAsync(journal.StagingName, cancellationToken);
        history.Record(service.Name, "started", $"swapping {ShortId(old.Image)} for {ShortId(newImageId)}", journal);
        try
        {
            await EnterAsync(journal, SwapStep.Prepared, cancellationToken);
            var oldImage = await docker.Images.InspectImageAsync(old.Image, cancellationToken);
            var spec = ContainerSpecBuilder.Build(old, oldImage, newImageId, journal.StagingName);
            var created = await docker.Containers.CreateContainerAsync(spec, cancellationToken);
            journal.NewContainerId = created.ID;
            foreach (var (network, endpoint) in ContainerSpecBuilder.ExtraNetworks(old))
            {
                await docker.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters { Container = created.ID, EndpointConfig = endpoint }, cancellationToken);
            }
            await pauses.AfterCallAsync(SwapCall.CreatedNew, cancellationToken);
            await EnterAsync(journal, SwapStep.Created, cancellationToken);

            await StopAsync(old.ID, cancellationToken);
            await pauses.AfterCallAsync(SwapCall.StoppedOld, cancellationToken);
            await EnterAsync(journal, SwapStep.OldStopped, cancellationToken);

            await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken);
            await pauses.AfterCallAsync(SwapCall.StartedNew, cancellationToken);
            await EnterAsync(journal, SwapStep.NewStarted, cancellationToken);
        }
        catch (Exception ex) when (IsFault(ex, cancellationToken))
        {
            journal.Failure = $"swap step after {journal.Step} failed: {EngineError.Describe(ex)}";
            return await FinishAsync(journal, commit: false, cancellationToken);
        }

        try
        {
            journal.Failure = await health.WaitAsync(journal.NewContainerId!, cancellationToken);
            journal.TargetFailed = journal.Failure is not null;
        }
        catch (Exception ex) when (IsFault(ex, cancellationToken))
        {
            // Docker could not be asked: the new version has not proved itself, but has not proved bad either.
            journal.Failure = $"waiting for the new container's health failed: {EngineError.Describe(ex)}";
        }
        return await FinishAsync(journal, commit: journal.Failure is null, cancellationToken);
    }

    /// <summary>Finishes (from the commit on) or undoes (before it) one interrupted swap. Throws when Docker fails; the caller retries.</summary>
    public async Task<(SwapOutcome Outcome, string Detail)> RecoverJournalAsync(SwapJournal journal, CancellationToken cancellationToken)
    {
        Log.Recovering(logger, journal.Service, journal.SwapId, journal.Step);
        // Once per swap and step: while the engine keeps failing, the retries would otherwise fill the history.
        if (recoveriesRecorded.TryAdd((journal.SwapId, journal.Step), 0))
        {
            history.Record(journal.Service, "recovering", $"unfinished swap found at step {journal.Step}", journal);
        }
        if (journal.Step == SwapStep.Committing)
        {
            return await CommitAsync(journal, cancellationToken);
        }
        // Before the commit the new container has not proved itself under the agent's eye: go back.
        journal.Failure ??= $"swap was interrupted during step {journal.Step}";
        return await RollBackAsync(journal, cancellationToken);
    }

    /// <summary>Removes what a crash between creating a staging container and journaling it left behind.</summary>
    public async Task RemoveStrayContainersAsync(ManagedServiceOptions service, CancellationToken cancellationToken)
    {
        await RemoveIfExistsAsync(SwapJournal.StagingNameFor(service.ContainerName), cancellationToken);
        if (service.IsAgent && !await IsActiveAsync(service.UpdaterContainerName, cancellationToken))
        {
            await RemoveIfExistsAsync(service.UpdaterContainerName, cancellationToken);
        }
    }

    /// <summary>Whether a container exists and runs (or is being restarted by Docker).</summary>
    public async Task<bool> IsActiveAsync(string container, CancellationToken cancellationToken)
    {
        var found = await TryInspectAsync(container, cancellationToken);
        return found?.State?.Running == true || found?.State?.Restarting == true;
    }

    private async Task<(SwapOutcome Outcome, string Detail)> FinishAsync(SwapJournal journal, bool commit, CancellationToken cancellationToken)
    {
        try
        {
            return commit ? await CommitAsync(journal, cancellationToken) : await RollBackAsync(journal, cancellationToken);
        }
        catch (Exception ex) when (IsFault(ex, cancellationToken))
        {
            var doing = commit ? "committing" : "rolling back";
            Log.FinishFailed(logger, journal.Service, journal.SwapId, doing, EngineError.Describe(ex));
            history.Record(journal.Service, "recovery-pending", $"{doing} failed: {EngineError.Describe(ex)}; the agent retries from the journal", journal);
            return (SwapOutcome.RecoveryPending, $"{journal.Failure ?? "healthy"}; {doing} failed ({EngineError.Describe(ex)}); the agent retries");
        }
    }

    private async Task<(SwapOutcome Outcome, string Detail)> RollBackAsync(SwapJournal journal, CancellationToken cancellationToken)
    {
        Log.RollingBack(logger, journal.Service, journal.SwapId, journal.Failure ?? "");
        await EnterAsync(journal, SwapStep.RollingBack, cancellationToken);
        var old = await TryInspectAsync(journal.OldContainerId, cancellationToken);
        var next = await TryInspectAsync(journal.NewContainerId ?? journal.StagingName, cancellationToken);
        if (old is null)
        {
            return await KeepNewAsync(journal, next, "the previous container is gone", cancellationToken);
        }
        // The new one is stopped, not removed, until the old one has started: if it will not, the new one is all there is.
        if (next?.State?.Running == true)
        {
            await StopAsync(next.ID, cancellationToken);
        }
        await pauses.AfterCallAsync(SwapCall.StoppedNew, cancellationToken);
        if (old.State?.Running != true)
        {
            try
            {
                await docker.Containers.StartContainerAsync(old.ID, new ContainerStartParameters(), cancellationToken);
            }
            catch (DockerApiException ex) when (next is not null)
            {
                await removedLogs.KeepAsync(journal.Service, old, $"the previous container would not start during a rollback: {EngineError.Describe(ex)}", cancellationToken);
                await RemoveIfExistsAsync(old.ID, cancellationToken);
                return await KeepNewAsync(journal, next, $"the previous container would not start ({EngineError.Describe(ex)})", cancellationToken);
            }
        }
        await pauses.AfterCallAsync(SwapCall.StartedOld, cancellationToken);
        var oldHealth = await health.WaitAsync(old.ID, cancellationToken);
        if (next is not null)
        {
            await removedLogs.KeepAsync(journal.Service, next, $"rolled back: {journal.Failure}", cancellationToken);
            await RemoveIfExistsAsync(next.ID, cancellationToken);
        }
        if (journal.TargetFailed)
        {
            state.MarkFailed(journal.Service, journal.Target);
        }
        var detail = $"{journal.Failure}; back on {ShortId(journal.OldImageId)}"
            + (oldHealth is null ? "" : $" (previous version not healthy either: {oldHealth})")
            + (journal.TargetFailed ? "; target recorded as failed and will not be retried" : "");
        history.Record(journal.Service, "rolled-back", detail, journal);
        journals.Delete(journal.Service);
        await pruner.PruneAsync(journal, cancellationToken);
        return (SwapOutcome.RolledBack, detail);
    }

    private async Task<(SwapOutcome Outcome, string Detail)> KeepNewAsync(SwapJournal journal, ContainerInspectResponse? next, string why, CancellationToken cancellationToken)
    {
        if (next is null)
        {
            var lost = $"{journal.Failure}; {why}, and the new container is gone too: nothing is left to start";
            Log.NothingToRun(logger, journal.Service, journal.SwapId);
            history.Record(journal.Service, "failed", lost, journal);
            journals.Delete(journal.Service);
            return (SwapOutcome.NothingToRun, lost);
        }
        if (next.State?.Running != true)
        {
            await docker.Containers.StartContainerAsync(next.ID, new ContainerStartParameters(), cancellationToken);
        }
        if (next.Name.TrimStart('/') != journal.ContainerName)
        {
            await docker.Containers.RenameContainerAsync(next.ID, new ContainerRenameParameters { NewName = journal.ContainerName }, cancellationToken);
        }
        var detail = $"{journal.Failure}; {why}, so the new container stays and runs {ShortId(journal.NewImageId)}";
        Log.KeptNew(logger, journal.Service, journal.SwapId, why);
        history.Record(journal.Service, "kept-new", detail, journal);
        journals.Delete(journal.Service);
        return (SwapOutcome.KeptNew, detail);
    }

    private async Task<(SwapOutcome Outcome, string Detail)> CommitAsync(SwapJournal journal, CancellationToken cancellationToken)
    {
        await EnterAsync(journal, SwapStep.Committing, cancellationToken);
        if (await TryInspectAsync(journal.OldContainerId, cancellationToken) is { } old)
        {
            await removedLogs.KeepAsync(journal.Service, old, $"replaced by {ShortId(journal.NewImageId)}", cancellationToken);
            await RemoveIfExistsAsync(old.ID, cancellationToken);
        }
        await pauses.AfterCallAsync(SwapCall.RemovedOld, cancellationToken);
        var current = await docker.Containers.InspectContainerAsync(journal.NewContainerId!, cancellationToken);
        if (current.State?.Running != true)
        {
            await docker.Containers.StartContainerAsync(current.ID, new ContainerStartParameters(), cancellationToken);
        }
        if (current.Name.TrimStart('/') != journal.ContainerName)
        {
            await docker.Containers.RenameContainerAsync(current.ID, new ContainerRenameParameters { NewName = journal.ContainerName }, cancellationToken);
        }
        if (journal.TagOnCommit is { } tag)
        {
            // Only now: a tag moved at pull time would let a later "docker compose up" start an image no health check passed.
            var colon = tag.LastIndexOf(':');
            await docker.Images.TagImageAsync(journal.NewImageId, new ImageTagParameters { RepositoryName = tag[..colon], Tag = tag[(colon + 1)..] }, cancellationToken);
        }
        await pauses.AfterCallAsync(SwapCall.Renamed, cancellationToken);
        Log.Updated(logger, journal.Service, journal.SwapId, journal.NewImageId);
        var detail = $"now running {ShortId(journal.NewImageId)} (was {ShortId(journal.OldImageId)})";
        history.Record(journal.Service, "updated", detail, journal);
        journals.Delete(journal.Service);
        return (SwapOutcome.Updated, detail);
    }

    private async Task EnterAsync(SwapJournal journal, SwapStep step, CancellationToken cancellationToken)
    {
        // A retried rollback enters its step again: the journal is saved (it may carry a new failure), the history
        // told once. A new journal starts at Prepared, so that step is always told.
        var entering = journal.Step != step || step == SwapStep.Prepared;
        journal.Step = step;
        journals.Save(journal);
        if (entering)
        {
            history.Record(journal.Service, "step", step.ToString(), journal);
            Log.Step(logger, journal.Service, journal.SwapId, step);
        }
        await pauses.AfterStepAsync(step, cancellationToken);
    }

    private async Task<ContainerInspectResponse?> TryInspectAsync(string idOrName, CancellationToken cancellationToken)
    {
        try
        {
            return await docker.Containers.InspectContainerAsync(idOrName, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    private async Task StopAsync(string id, CancellationToken cancellationToken) =>
        await docker.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)options.Value.StopTimeout.TotalSeconds }, cancellationToken);

    private async Task RemoveIfExistsAsync(string idOrName, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Containers.RemoveContainerAsync(idOrName, new ContainerRemoveParameters { Force = true }, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }

    private static bool IsFault(Exception ex, CancellationToken cancellationToken) =>
        ex is DockerApiException or HttpRequestException or IOException
        || (ex is TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested);

    internal static string ShortId(string id) => id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..Math.Min(id.Length, 19)] : id;
}
