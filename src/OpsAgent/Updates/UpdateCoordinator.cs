using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Balena;
using LiveStt.OpsAgent.Engine;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Registry;
using LiveStt.OpsAgent.UpdateLock;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// Decides and applies updates, one at a time: asks the registry for each tag's digest (no pull when it has not
/// moved), respects the update lock, pulls by digest for the box's platform and hands the image to the swapper.
/// </summary>
internal sealed partial class UpdateCoordinator(
    IDockerClient docker,
    IRegistryDigestClient registry,
    PullPlatform platform,
    ContainerSwapper swapper,
    SwapJournalStore journals,
    SelfUpdateLauncher selfUpdate,
    UpdateGate gate,
    DeferredUpdates deferred,
    AgentStateStore state,
    UpdateHistory history,
    BalenaEnvironment balena,
    IOptions<OpsAgentOptions> options,
    ILogger<UpdateCoordinator> logger) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Finishes or undoes every swap left unfinished (by a crash, or a Docker error while rolling back or committing)
    /// that no running self-update helper drives. No update starts before the first call has succeeded; it also
    /// removes the stray containers a crash can leave. Throws when Docker fails; the caller retries.
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            foreach (var journal in journals.LoadAll())
            {
                await RecoverLockedAsync(journal, cancellationToken);
            }
            if (!_recovered.Task.IsCompleted)
            {
                foreach (var service in options.Value.Services.Where(s => journals.Load(s.Name) is null))
                {
                    await swapper.RemoveStrayContainersAsync(service, cancellationToken);
                }
                _recovered.TrySetResult();
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Whether a swap is unfinished that this agent (not a helper) must recover.</summary>
    public async Task<bool> HasUnfinishedSwapsAsync(CancellationToken cancellationToken)
    {
        foreach (var journal in journals.LoadAll())
        {
            if (journal.Owner is null || !await swapper.IsActiveAsync(journal.Owner, cancellationToken))
            {
                return true;
            }
        }
        return false;
    }

    private async Task<bool> RecoverLockedAsync(SwapJournal journal, CancellationToken cancellationToken)
    {
        if (journal.Owner is not null && await swapper.IsActiveAsync(journal.Owner, cancellationToken))
        {
            // A self-update helper is driving this swap (and will recover it itself if it is restarted).
            Log.LeftToHelper(logger, journal.Service, journal.SwapId, journal.Owner);
            return false;
        }
        await swapper.RecoverJournalAsync(journal, cancellationToken);
        return true;
    }

    public void Dispose() => _oneAtATime.Dispose();

    /// <summary>Services with an update waiting for captions to stop.</summary>
    public IReadOnlyCollection<string> Deferred => [.. deferred.All.Keys];

    public async Task<IReadOnlyList<UpdateResult>> CheckAllAsync(bool force, CancellationToken cancellationToken)
    {
        var results = new List<UpdateResult>();
        foreach (var service in options.Value.Services)
        {
            results.Add(await CheckAsync(service, force, cancellationToken));
        }
        return results;
    }

    public ManagedServiceOptions? Find(string name) => options.Value.Services.FirstOrDefault(s => s.Name == name);

    public async Task<UpdateResult> CheckAsync(ManagedServiceOptions service, bool force, CancellationToken cancellationToken)
    {
        if (balena.Enabled)
        {
            return new UpdateResult(service.Name, UpdateResultKind.Refused, "balenaOS: the supervisor owns the containers and applies updates");
        }
        await _recovered.Task.WaitAsync(cancellationToken);
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await CheckLockedAsync(service, force, cancellationToken);
        }
        catch (Exception ex) when (ex is RegistryException or DockerApiException or HttpRequestException or IOException)
        {
            Log.CheckFailed(logger, service.Name, EngineError.Describe(ex));
            UpdateMetrics.FailedUpdateChecks.WithLabels(service.Name).Inc();
            return new UpdateResult(service.Name, UpdateResultKind.Error, EngineError.Describe(ex));
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Swaps a service onto an image already in the engine (an offline update), through the same gate and health check.</summary>
    public async Task<UpdateResult> ApplyImageAsync(
        ManagedServiceOptions service, string imageId, string target, bool force, CancellationToken cancellationToken, string? tarball = null)
    {
        if (balena.Enabled)
        {
            return new UpdateResult(service.Name, UpdateResultKind.Refused, "balenaOS: the supervisor owns the containers and applies updates");
        }
        await _recovered.Task.WaitAsync(cancellationToken);
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var result = await ApplyLockedAsync(service, imageId, target, force, cancellationToken, tarball: tarball);
            if (result.Result is UpdateResultKind.Updated or UpdateResultKind.HandedToHelper)
            {
                // Keep the registry from undoing the offline update until its tag actually moves on.
                state.SetPinnedRegistryDigest(service.Name, await TryGetRegistryDigestAsync(service, cancellationToken) ?? AgentStateStore.PinPending);
            }
            return result;
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException)
        {
            Log.CheckFailed(logger, service.Name, EngineError.Describe(ex));
            return new UpdateResult(service.Name, UpdateResultKind.Error, EngineError.Describe(ex), target);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Applies the updates that waited for captions to stop (called when a session ends).</summary>
    public async Task<IReadOnlyList<UpdateResult>> ResumeDeferredAsync(CancellationToken cancellationToken)
    {
        var results = new List<UpdateResult>();
        foreach (var (name, waiting) in deferred.All)
        {
            if (Find(name) is not { } service)
            {
                continue;
            }
            var result = waiting.Target.StartsWith(OfflineTargetPrefix, StringComparison.Ordinal)
                ? await ApplyImageAsync(service, waiting.ImageId, waiting.Target, force: false, cancellationToken)
                : await CheckAsync(service, force: false, cancellationToken);
            if (result.Result != UpdateResultKind.Deferred)
            {
                // Done, or failed for another reason (registry down...): the schedule takes it from here, not every session poll.
                deferred.Finish(name, result);
            }
            results.Add(result);
        }
        return results;
    }

    /// <summary>Prefix of the target recorded for an update from an image tarball.</summary>
    public const string OfflineTargetPrefix = "tarball:";

    private async Task<UpdateResult> CheckLockedAsync(ManagedServiceOptions service, bool force, CancellationToken cancellationToken)
    {
        var image = ImageReference.Parse(service.Image);
        var digest = await registry.GetDigestAsync(image, cancellationToken);
        var pinned = state.PinnedRegistryDigest(service.Name);
        if (pinned == AgentStateStore.PinPending)
        {
            state.SetPinnedRegistryDigest(service.Name, digest);
            pinned = digest;
        }
        if (pinned == digest)
        {
            return new UpdateResult(service.Name, UpdateResultKind.UpToDate, "an offline update superseded this registry digest", digest);
        }
        var container = await docker.Containers.InspectContainerAsync(service.ContainerName, cancellationToken);
        var current = await docker.Images.InspectImageAsync(container.Image, cancellationToken);
        if (current.RepoDigests?.Contains(image.WithDigest(digest), StringComparer.Ordinal) == true)
        {
            var upToDate = new UpdateResult(service.Name, UpdateResultKind.UpToDate, "running the tag's current digest", digest);
            deferred.Finish(service.Name, upToDate);
            return upToDate;
        }
        if (state.IsFailed(service.Name, digest))
        {
            return new UpdateResult(service.Name, UpdateResultKind.SkippedFailedTarget, "this digest failed its health check before; waiting for a newer one", digest);
        }
        var pulledId = await PullAsync(image, digest, cancellationToken);
        return await ApplyLockedAsync(service, pulledId, digest, force, cancellationToken, container, $"{image.LocalRepository}:{image.Tag}");
    }

    private async Task<UpdateResult> ApplyLockedAsync(
        ManagedServiceOptions service, string imageId, string target, bool force, CancellationToken cancellationToken,
        ContainerInspectResponse? container = null, string? tagOnCommit = null, string? tarball = null)
    {
        if (journals.Load(service.Name) is { } pending)
        {
            // The journal names the container to go back to: it is finished first, never overwritten by a new swap.
            if (!await RecoverLockedAsync(pending, cancellationToken))
            {
                return new UpdateResult(service.Name, UpdateResultKind.Refused, $"swap {pending.SwapId} is being finished by {pending.Owner}", target);
            }
            container = null;
        }
        container ??= await docker.Containers.InspectContainerAsync(service.ContainerName, cancellationToken);
        if (container.Image == imageId)
        {
            return new UpdateResult(service.Name, UpdateResultKind.UpToDate, "already running this image", target);
        }
        if (!force && await gate.WhyWaitAsync(service, cancellationToken) is { } why)
        {
            deferred.Defer(service.Name, imageId, target, tarball, why);
            Log.Deferred(logger, service.Name, why);
            return new UpdateResult(service.Name, UpdateResultKind.Deferred, why, target);
        }
        var result = await SwapLockedAsync(service, container, imageId, target, force, tagOnCommit, cancellationToken);
        // Whatever waited for this service has been applied now, or superseded by what was.
        deferred.Finish(service.Name, result);
        return result;
    }

    private async Task<UpdateResult> SwapLockedAsync(
        ManagedServiceOptions service, ContainerInspectResponse container, string imageId, string target, bool force, string? tagOnCommit, CancellationToken cancellationToken)
    {
        if (force)
        {
            history.Record(service.Name, "forced", $"update to {ContainerSwapper.ShortId(target)} forced through the API");
        }
        if (service.IsAgent)
        {
            return await selfUpdate.LaunchAsync(service, container, imageId, target, cancellationToken);
        }
        var (outcome, detail) = await swapper.SwapAsync(service, container, imageId, target, cancellationToken, tagOnCommit: tagOnCommit);
        return new UpdateResult(service.Name, outcome switch
        {
            SwapOutcome.Updated => UpdateResultKind.Updated,
            SwapOutcome.RolledBack => UpdateResultKind.RolledBack,
            SwapOutcome.KeptNew => UpdateResultKind.KeptNew,
            SwapOutcome.RecoveryPending => UpdateResultKind.RecoveryPending,
            _ => UpdateResultKind.Error,
        }, detail, target);
    }

    private async Task<string> PullAsync(ImageReference image, string digest, CancellationToken cancellationToken)
    {
        var reference = image.WithDigest(digest);
        var wanted = await platform.GetAsync(cancellationToken);
        var errors = new List<string>();
        await docker.Images.CreateImageAsync(
            new ImagesCreateParameters { FromImage = reference, Platform = wanted },
            authConfig: null,
            new SynchronousProgress<JSONMessage>(m =>
            {
                if (m.Error is not null)
                {
                    errors.Add(m.Error.Message ?? "pull failed");
                }
            }),
            cancellationToken);
        if (errors.Count > 0)
        {
            throw new IOException($"pull of {reference} failed: {string.Join("; ", errors)}");
        }
        var pulled = await docker.Images.InspectImageAsync(reference, cancellationToken);
        // A single-platform tag of another architecture would start only to crash (or crawl, emulated): never swap it in.
        if (!PullPlatform.Matches(wanted, pulled))
        {
            throw new IOException($"pull of {reference} gave an image for {PullPlatform.Of(pulled)}, not this box's {wanted}");
        }
        Log.Pulled(logger, reference, wanted, pulled.ID);
        return pulled.ID;
    }

    private async Task<string?> TryGetRegistryDigestAsync(ManagedServiceOptions service, CancellationToken cancellationToken)
    {
        try
        {
            return await registry.GetDigestAsync(ImageReference.Parse(service.Image), cancellationToken);
        }
        catch (Exception ex) when (ex is RegistryException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Warning, "Update check of {Service} failed: {Reason}")]
        public static partial void CheckFailed(ILogger logger, string service, string reason);

        [LoggerMessage(21, LogLevel.Information, "Update of {Service} deferred: {Reason}")]
        public static partial void Deferred(ILogger logger, string service, string reason);

        [LoggerMessage(22, LogLevel.Information, "Pulled {Reference} for {Platform} as {ImageId}")]
        public static partial void Pulled(ILogger logger, string reference, string platform, string imageId);

        [LoggerMessage(23, LogLevel.Information, "Swap {SwapId} of {Service} is driven by helper container {Helper}; leaving it to it")]
        public static partial void LeftToHelper(ILogger logger, string service, string swapId, string helper);
    }
}
