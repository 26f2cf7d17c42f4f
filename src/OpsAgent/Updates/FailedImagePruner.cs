using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Engine;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Registry;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// Deletes the image a rolled-back update left behind, so that failed updates do not fill a small box's disk. The
/// running version and the previous one (which the rollback went back to) are kept, and so is any image a
/// container still uses. Only the reference the update brought is removed (the pulled digest, or the loaded image
/// itself), never with force: an image someone tagged for another use keeps its other names, and stays.
/// </summary>
internal sealed partial class FailedImagePruner(IDockerClient docker, UpdateHistory history, IOptions<OpsAgentOptions> options, ILogger<FailedImagePruner> logger)
{
    /// <summary>Never throws: an image left on disk is no reason to fail a rollback that worked.</summary>
    public async Task PruneAsync(SwapJournal journal, CancellationToken cancellationToken)
    {
        if (journal.NewImageId == journal.OldImageId)
        {
            return;
        }
        try
        {
            var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true }, cancellationToken);
            if (containers.Any(c => c.ImageID == journal.NewImageId))
            {
                return;
            }
            var reference = journal.Target.StartsWith(UpdateCoordinator.OfflineTargetPrefix, StringComparison.Ordinal)
                || options.Value.Services.FirstOrDefault(s => s.Name == journal.Service) is not { } service
                ? journal.NewImageId
                : ImageReference.Parse(service.Image).WithDigest(journal.Target);
            await docker.Images.DeleteImageAsync(reference, new ImageDeleteParameters(), cancellationToken);
            history.Record(journal.Service, "pruned", $"deleted {ContainerSwapper.ShortId(reference)}, the failed update's image; kept {ContainerSwapper.ShortId(journal.OldImageId)}", journal);
        }
        catch (DockerImageNotFoundException)
        {
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException)
        {
            Log.NotPruned(logger, journal.Service, journal.NewImageId, EngineError.Describe(ex));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7, LogLevel.Warning, "Could not delete {Service}'s failed image {ImageId}: {Reason}")]
        public static partial void NotPruned(ILogger logger, string service, string imageId, string reason);
    }
}
