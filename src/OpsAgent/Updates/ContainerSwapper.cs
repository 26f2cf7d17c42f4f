using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// Replaces a service's container with one from a new image as a journaled state machine: create the new
/// container beside the old, stop the old, start the new, wait for Docker health "healthy", then remove
/// the old and hand over the name. Any failure before the commit restarts the old container (the exact
/// previous image). After a crash, <see cref="RecoverAsync"/> finishes or undoes whatever the journal says
/// was in flight, so exactly one version runs.
/// </summary>
public sealed partial class ContainerSwapper(
    IDockerClient docker,
    SwapJournalStore journals,
    UpdateHistory history,
    AgentStateStore state,
    IOptions<OpsAgentOptions> options,
    TimeProvider time,
    ILogger<ContainerSwapper> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public async Task<(SwapOutcome Outcome, string Detail)> SwapAsync(
        ManagedServiceOptions service, ContainerInspectResponse old, string newImageId, string target, CancellationToken cancellationToken, string? owner = null)
    {
        var journal = new SwapJournal
        {
            SwapId = Guid.NewGuid().ToString("N")[..12],
            Service = service.Name,
            ContainerName = service.ContainerName,
            OldContainerId = old.ID,
            OldImageId = old.Image,
            NewImageId = newImageId,
            Target = target,
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
            await EnterAsync(journal, SwapStep.Created, cancellationToken);

            await StopAsync(old.ID, cancellationToken);
            await EnterAsync(journal, SwapStep.OldStopped, cancellationToken);

            await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken);
            await EnterAsync(journal, SwapStep.NewStarted, cancellationToken);
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException)
        {
            journal.Failure = $"swap step after {journal.Step} failed: {ex.Message}";
            await RollBackAsync(journal, cancellationToken);
            return (SwapOutcome.RolledBack, journal.Failure);
        }

        var failure = await WaitHealthyAsync(journal.NewContainerId!, cancellationToken);
        if (failure is not null)
        {
            journal.Failure = failure;
            journal.TargetFailed = true;
            await RollBackAsync(journal, cancellationToken);
            return (SwapOutcome.RolledBack, failure);
        }
        await CommitAsync(journal, cancellationToken);
        return (SwapOutcome.Updated, $"now running {ShortId(newImageId)}");
    }

    /// <summary>Drives every swap a previous run left unfinished to exactly one running version.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var journal in journals.LoadAll())
        {
            if (journal.Owner is not null && await IsActiveAsync(journal.Owner, cancellationToken))
            {
                // A self-update helper is driving this swap (and will recover it itself if it is restarted).
                Log.LeftToHelper(logger, journal.Service, journal.SwapId, journal.Owner);
                continue;
            }
            await RecoverJournalAsync(journal, cancellationToken);
        }
        foreach (var service in options.Value.Services)
        {
            // A crash between creating the staging container and journaling it leaves it behind, never started.
            if (!journals.LoadAll().Any(j => j.Service == service.Name))
            {
                await RemoveIfExistsAsync(SwapJournal.StagingNameFor(service.ContainerName), cancellationToken);
                if (service.IsAgent && !await IsActiveAsync(service.UpdaterContainerName, cancellationToken))
                {
                    await RemoveIfExistsAsync(service.UpdaterContainerName, cancellationToken);
                }
            }
        }
    }

    /// <summary>Finishes (from the commit on) or undoes (before it) one interrupted swap.</summary>
    public async Task RecoverJournalAsync(SwapJournal journal, CancellationToken cancellationToken)
    {
        Log.Recovering(logger, journal.Service, journal.SwapId, journal.Step);
        history.Record(journal.Service, "recovering", $"restarted with the swap at step {journal.Step}", journal);
        if (journal.Step == SwapStep.Committing)
        {
            await CommitAsync(journal, cancellationToken);
        }
        else
        {
            // Before the commit the new container has not proved itself under the agent's eye: go back.
            journal.Failure ??= $"swap was interrupted during step {journal.Step}";
            await RollBackAsync(journal, cancellationToken);
        }
    }

    private async Task<bool> IsActiveAsync(string container, CancellationToken cancellationToken)
    {
        try
        {
            var state = (await docker.Containers.InspectContainerAsync(container, cancellationToken)).State;
            return state?.Running == true || state?.Restarting == true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    private async Task RollBackAsync(SwapJournal journal, CancellationToken cancellationToken)
    {
        Log.RollingBack(logger, journal.Service, journal.SwapId, journal.Failure ?? "");
        await EnterAsync(journal, SwapStep.RollingBack, cancellationToken);
        if (journal.NewContainerId is not null)
        {
            await RemoveIfExistsAsync(journal.NewContainerId, cancellationToken);
        }
        await RemoveIfExistsAsync(journal.StagingName, cancellationToken);
        var old = await docker.Containers.InspectContainerAsync(journal.OldContainerId, cancellationToken);
        if (old.State?.Running != true)
        {
            await docker.Containers.StartContainerAsync(journal.OldContainerId, new ContainerStartParameters(), cancellationToken);
        }
        var oldHealth = await WaitHealthyAsync(journal.OldContainerId, cancellationToken);
        if (journal.TargetFailed)
        {
            state.MarkFailed(journal.Service, journal.Target);
        }
        history.Record(journal.Service, "rolled-back",
            $"{journal.Failure}; back on {ShortId(journal.OldImageId)}" + (oldHealth is null ? "" : $" (previous version not healthy either: {oldHealth})")
            + (journal.TargetFailed ? "; target recorded as failed and will not be retried" : ""), journal);
        journals.Delete(journal.Service);
    }

    private async Task CommitAsync(SwapJournal journal, CancellationToken cancellationToken)
    {
        await EnterAsync(journal, SwapStep.Committing, cancellationToken);
        await RemoveIfExistsAsync(journal.OldContainerId, cancellationToken);
        var current = await docker.Containers.InspectContainerAsync(journal.NewContainerId!, cancellationToken);
        if (current.State?.Running != true)
        {
            await docker.Containers.StartContainerAsync(current.ID, new ContainerStartParameters(), cancellationToken);
        }
        if (current.Name.TrimStart('/') != journal.ContainerName)
        {
            await docker.Containers.RenameContainerAsync(current.ID, new ContainerRenameParameters { NewName = journal.ContainerName }, cancellationToken);
        }
        Log.Updated(logger, journal.Service, journal.SwapId, journal.NewImageId);
        history.Record(journal.Service, "updated", $"now running {ShortId(journal.NewImageId)} (was {ShortId(journal.OldImageId)})", journal);
        journals.Delete(journal.Service);
    }

    private async Task EnterAsync(SwapJournal journal, SwapStep step, CancellationToken cancellationToken)
    {
        journal.Step = step;
        journals.Save(journal);
        history.Record(journal.Service, "step", step.ToString(), journal);
        Log.Step(logger, journal.Service, journal.SwapId, step);
        if (string.Equals(options.Value.PauseAtSwapStep, step.ToString(), StringComparison.Ordinal))
        {
            Log.PausedAtStep(logger, step);
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
        }
    }

    /// <summary>Waits for Docker health "healthy" (or, without a health check, a steady run); returns why not, or null.</summary>
    internal async Task<string?> WaitHealthyAsync(string containerId, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var deadline = options.Value.HealthyTimeout;
        while (true)
        {
            var container = await docker.Containers.InspectContainerAsync(containerId, cancellationToken);
            var elapsed = time.GetElapsedTime(started);
            if (container.State?.Running != true)
            {
                return $"container exited (code {container.State?.ExitCode.ToString(CultureInfo.InvariantCulture)}) before becoming healthy";
            }
            var health = container.State?.Health;
            if (health is null || string.IsNullOrEmpty(health.Status) || health.Status == "none")
            {
                if (elapsed >= options.Value.NoHealthCheckGrace)
                {
                    return null;
                }
            }
            else if (health.Status == "healthy")
            {
                return null;
            }
            else if (health.Status == "unhealthy")
            {
                var last = health.Log?.LastOrDefault();
                return $"container became unhealthy (exit {last?.ExitCode.ToString(CultureInfo.InvariantCulture) ?? "?"}: {last?.Output?.Trim()})";
            }
            if (elapsed >= deadline)
            {
                return $"container did not become healthy within {deadline.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (status {health?.Status ?? "running"})";
            }
            await Task.Delay(PollInterval, time, cancellationToken);
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

    internal static string ShortId(string id) => id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..Math.Min(id.Length, 19)] : id;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Swap {SwapId} of {Service}: step {Step}")]
        public static partial void Step(ILogger logger, string service, string swapId, SwapStep step);

        [LoggerMessage(2, LogLevel.Warning, "Paused at swap step {Step} (test setting PauseAtSwapStep)")]
        public static partial void PausedAtStep(ILogger logger, SwapStep step);

        [LoggerMessage(3, LogLevel.Warning, "Swap {SwapId} of {Service}: rolling back: {Reason}")]
        public static partial void RollingBack(ILogger logger, string service, string swapId, string reason);

        [LoggerMessage(4, LogLevel.Information, "Swap {SwapId} of {Service}: updated to image {ImageId}")]
        public static partial void Updated(ILogger logger, string service, string swapId, string imageId);

        [LoggerMessage(6, LogLevel.Information, "Swap {SwapId} of {Service} is driven by helper container {Helper}; leaving it to it")]
        public static partial void LeftToHelper(ILogger logger, string service, string swapId, string helper);

        [LoggerMessage(5, LogLevel.Warning, "Swap {SwapId} of {Service} was interrupted at step {Step}; recovering")]
        public static partial void Recovering(ILogger logger, string service, string swapId, SwapStep step);
    }
}
