using System.Collections.Concurrent;
using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Balena;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.UpdateLock;
using LiveStt.OpsAgent.Registry;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// Decides and applies updates, one at a time: asks the registry for each tag's digest (no pull when it has not
/// moved), respects the update lock, pulls by digest and hands the image to the swapper.
/// </summary>
public sealed partial class UpdateCoordinator(
    IDockerClient docker,
    IRegistryDigestClient registry,
    ContainerSwapper swapper,
    SelfUpdateLauncher selfUpdate,
    UpdateGate gate,
    AgentStateStore state,
    UpdateHistory history,
    BalenaEnvironment balena,
    IOptions<OpsAgentOptions> options,
    ILogger<UpdateCoordinator> logger) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly ConcurrentDictionary<string, (string ImageId, string Target)> _deferred = new(StringComparer.Ordinal);

    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Finishes or undoes swaps a previous run left unfinished; no update starts before this has succeeded.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            await swapper.RecoverAsync(cancellationToken);
            _recovered.TrySetResult();
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    /// <summary>Services with an update waiting for captions to stop.</summary>
    public IReadOnlyCollection<string> Deferred => [.. _deferred.Keys];

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
            Log.CheckFailed(logger, service.Name, ex.Message);
            return new UpdateResult(service.Name, UpdateResultKind.Error, ex.Message);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Swaps a service onto an image already in the engine (an offline update), through the same gate and health check.</summary>
    public async Task<UpdateResult> ApplyImageAsync(ManagedServiceOptions service, string imageId, string target, bool force, CancellationToken cancellationToken)
    {
        if (balena.Enabled)
        {
            return new UpdateResult(service.Name, UpdateResultKind.Refused, "balenaOS: the supervisor owns the containers and applies updates");
        }
        await _recovered.Task.WaitAsync(cancellationToken);
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var result = await ApplyLockedAsync(service, imageId, target, force, cancellationToken);
            if (result.Result is UpdateResultKind.Updated or UpdateResultKind.HandedToHelper)
            {
                // Keep the registry from undoing the offline update until its tag actually moves on.
                state.SetPinnedRegistryDigest(service.Name, await TryGetRegistryDigestAsync(service, cancellationToken) ?? AgentStateStore.PinPending);
            }
            return result;
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
        foreach (var (name, (imageId, target)) in _deferred.ToArray())
        {
            if (Find(name) is not { } service)
            {
                continue;
            }
            var result = target.StartsWith(OfflineTargetPrefix, StringComparison.Ordinal)
                ? await ApplyImageAsync(service, imageId, target, force: false, cancellationToken)
                : await CheckAsync(service, force: false, cancellationToken);
            if (result.Result != UpdateResultKind.Deferred)
            {
                // Done, or failed for another reason (registry down...): the schedule takes it from here, not every session poll.
                _deferred.TryRemove(name, out _);
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
            _deferred.TryRemove(service.Name, out _);
            return new UpdateResult(service.Name, UpdateResultKind.UpToDate, "running the tag's current digest", digest);
        }
        if (state.IsFailed(service.Name, digest))
        {
            return new UpdateResult(service.Name, UpdateResultKind.SkippedFailedTarget, "this digest failed its health check before; waiting for a newer one", digest);
        }
        var pulledId = await PullAsync(image, digest, cancellationToken);
        return await ApplyLockedAsync(service, pulledId, digest, force, cancellationToken, container);
    }

    private async Task<UpdateResult> ApplyLockedAsync(
        ManagedServiceOptions service, string imageId, string target, bool force, CancellationToken cancellationToken, ContainerInspectResponse? container = null)
    {
        container ??= await docker.Containers.InspectContainerAsync(service.ContainerName, cancellationToken);
        if (container.Image == imageId)
        {
            return new UpdateResult(service.Name, UpdateResultKind.UpToDate, "already running this image", target);
        }
        if (!force && await gate.WhyWaitAsync(service, cancellationToken) is { } why)
        {
            if (_deferred.TryAdd(service.Name, (imageId, target)))
            {
                history.Record(service.Name, "deferred", $"update to {ContainerSwapper.ShortId(target)} waits: {why}");
            }
            Log.Deferred(logger, service.Name, why);
            return new UpdateResult(service.Name, UpdateResultKind.Deferred, why, target);
        }
        _deferred.TryRemove(service.Name, out _);
        if (force)
        {
            history.Record(service.Name, "forced", $"update to {ContainerSwapper.ShortId(target)} forced through the API");
        }
        if (service.IsAgent)
        {
            return await selfUpdate.LaunchAsync(service, container, imageId, target, cancellationToken);
        }
        var (outcome, detail) = await swapper.SwapAsync(service, container, imageId, target, cancellationToken);
        return new UpdateResult(service.Name, outcome == SwapOutcome.Updated ? UpdateResultKind.Updated : UpdateResultKind.RolledBack, detail, target);
    }

    private async Task<string> PullAsync(ImageReference image, string digest, CancellationToken cancellationToken)
    {
        var reference = image.WithDigest(digest);
        var errors = new List<string>();
        await docker.Images.CreateImageAsync(
            new ImagesCreateParameters { FromImage = reference },
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
        await docker.Images.TagImageAsync(pulled.ID, new ImageTagParameters { RepositoryName = image.LocalRepository, Tag = image.Tag }, cancellationToken);
        Log.Pulled(logger, reference, pulled.ID);
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

        [LoggerMessage(22, LogLevel.Information, "Pulled {Reference} as {ImageId}")]
        public static partial void Pulled(ILogger logger, string reference, string imageId);
    }
}
