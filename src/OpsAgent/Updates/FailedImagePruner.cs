using Docker.DotNet;
using Docker.DotNet.Models;

namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// Deletes the image a rolled-back update left behind, so that failed updates do not fill a small box's disk. The
/// running version and the previous one (which the rollback went back to) are kept, and so is any image a
/// container still uses.
/// </summary>
public sealed partial class FailedImagePruner(IDockerClient docker, UpdateHistory history, ILogger<FailedImagePruner> logger)
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
            // Forced, because a pulled image carries both its digest reference and the local tag; no container uses it.
            await docker.Images.DeleteImageAsync(journal.NewImageId, new ImageDeleteParameters { Force = true }, cancellationToken);
            history.Record(journal.Service, "pruned", $"deleted the failed image {ContainerSwapper.ShortId(journal.NewImageId)}; kept {ContainerSwapper.ShortId(journal.OldImageId)}", journal);
        }
        catch (DockerImageNotFoundException)
        {
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException)
        {
            Log.NotPruned(logger, journal.Service, journal.NewImageId, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7, LogLevel.Warning, "Could not delete {Service}'s failed image {ImageId}: {Reason}")]
        public static partial void NotPruned(ILogger logger, string service, string imageId, string reason);
    }
}
