using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Engine;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Registry;
using LiveStt.OpsAgent.Updates;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Offline;

/// <summary>Updates a service from an image tarball: checked in full first, then loaded and put through the same health-gated swap.</summary>
internal sealed partial class OfflineUpdater(
    IDockerClient docker,
    UpdateCoordinator coordinator,
    UpdateHistory history,
    IOptions<OpsAgentOptions> options,
    ILogger<OfflineUpdater> logger)
{
    /// <param name="keptAt">Where the caller keeps the tarball should the update be deferred (the drop folder), or null.</param>
    public async Task<UpdateResult> ApplyAsync(string tarballPath, string? serviceName, bool force, CancellationToken cancellationToken, string? keptAt = null)
    {
        try
        {
            return await LoadAndApplyAsync(tarballPath, serviceName, force, keptAt, cancellationToken);
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException)
        {
            var service = serviceName ?? "offline";
            Log.EngineFailed(logger, Path.GetFileName(tarballPath), EngineError.Describe(ex));
            history.Record(service, "error", $"tarball {Path.GetFileName(tarballPath)} could not be applied: {EngineError.Describe(ex)}");
            return new UpdateResult(service, UpdateResultKind.Error, $"the engine failed: {EngineError.Describe(ex)}");
        }
    }

    private async Task<UpdateResult> LoadAndApplyAsync(string tarballPath, string? serviceName, bool force, string? keptAt, CancellationToken cancellationToken)
    {
        var label = serviceName ?? "offline";
        ImageTarball tarball;
        try
        {
            var engine = await docker.System.GetSystemInfoAsync(cancellationToken);
            tarball = await ImageTarballInspector.InspectAsync(tarballPath, ImageTarballInspector.OciArchitecture(engine.Architecture), cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            return Refuse(label, Path.GetFileName(tarballPath), EngineError.Describe(ex));
        }
        var service = serviceName is not null ? coordinator.Find(serviceName) : MatchService(tarball);
        if (service is null)
        {
            return Refuse(label, Path.GetFileName(tarballPath), serviceName is not null
                ? $"no managed service is called '{serviceName}'"
                : $"its image ({string.Join(", ", tarball.RepoTags.DefaultIfEmpty("untagged"))}) is not the image of any managed service");
        }
        // Loading moves every tag the tarball names, so one naming another repository would re-point that
        // repository's local tag (another service's, say) before any health check.
        var repository = ImageReference.Parse(service.Image).LocalRepository;
        if (tarball.RepoTags.Count == 0)
        {
            return Refuse(service.Name, Path.GetFileName(tarballPath),
                $"its image has no tag, so nothing shows it is {service.Name}'s; save it tagged {repository}:<tag>");
        }
        if (tarball.RepoTags.FirstOrDefault(tag => ImageReference.Parse(tag).LocalRepository != repository) is { } foreign)
        {
            return Refuse(service.Name, Path.GetFileName(tarballPath),
                $"its image is tagged {foreign}, which is not {service.Name}'s repository {repository}");
        }
        var errors = new List<string>();
        await using (var stream = File.OpenRead(tarballPath))
        {
            await docker.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, stream, new SynchronousProgress<JSONMessage>(m =>
            {
                if (m.Error is not null)
                {
                    errors.Add(m.Error.Message ?? "load failed");
                }
            }), cancellationToken);
        }
        try
        {
            await docker.Images.InspectImageAsync(tarball.ImageId, cancellationToken);
        }
        catch (DockerImageNotFoundException)
        {
            errors.Add($"the engine does not have {tarball.ImageId} after the load");
        }
        if (errors.Count > 0)
        {
            return Refuse(service.Name, Path.GetFileName(tarballPath), $"the engine refused the image: {string.Join("; ", errors)}");
        }
        Log.Loaded(logger, tarball.ImageId, service.Name);
        history.Record(service.Name, "loaded", $"image {ContainerSwapper.ShortId(tarball.ImageId)} loaded from {Path.GetFileName(tarballPath)}");
        return await coordinator.ApplyImageAsync(service, tarball.ImageId, UpdateCoordinator.OfflineTargetPrefix + tarball.ImageId, force, cancellationToken, keptAt);
    }

    private ManagedServiceOptions? MatchService(ImageTarball tarball) =>
        options.Value.Services.FirstOrDefault(s => tarball.RepoTags.Any(tag =>
            ImageReference.TryParse(tag, out var r, out _) && r!.LocalRepository == ImageReference.Parse(s.Image).LocalRepository));

    private UpdateResult Refuse(string service, string file, string reason)
    {
        Log.Refused(logger, file, reason);
        history.Record(service, "refused", $"tarball {file} refused: {reason}");
        return new UpdateResult(service, UpdateResultKind.Refused, reason);
    }

    private static partial class Log
    {
        [LoggerMessage(80, LogLevel.Warning, "Image tarball {File} refused: {Reason}")]
        public static partial void Refused(ILogger logger, string file, string reason);

        [LoggerMessage(81, LogLevel.Information, "Loaded image {ImageId} for {Service} from a tarball")]
        public static partial void Loaded(ILogger logger, string imageId, string service);

        [LoggerMessage(82, LogLevel.Error, "Image tarball {File} could not be applied, the engine failed: {Reason}")]
        public static partial void EngineFailed(ILogger logger, string file, string reason);
    }
}
