using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Updates;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Offline;

/// <summary>
/// Watches the drop folder for image tarballs. A file is taken once its size has stopped changing (a copy
/// from a USB stick may be slow), then moved to processed/ or rejected/ with a note saying what happened. A
/// tarball whose update waits for the session stays in deferred/ until the update is applied.
/// </summary>
internal sealed partial class OfflineFolderWatcher(
    OfflineUpdater updater,
    DeferredUpdates deferred,
    IOptions<OpsAgentOptions> options,
    TimeProvider time,
    ILogger<OfflineFolderWatcher> logger) : BackgroundService
{
    private const string DeferredFolder = "deferred";
    private static readonly TimeSpan ScanInterval = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, long> sizes = new(StringComparer.Ordinal);

    private string Folder => options.Value.OfflineDropDirectory!;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.OfflineDropDirectory))
        {
            return;
        }
        Directory.CreateDirectory(Folder);
        deferred.Finished += OnDeferredFinished;
        try
        {
            SettleOrphans();
            using var timer = new PeriodicTimer(ScanInterval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var path in Directory.EnumerateFiles(Folder).Where(IsTarball).ToList())
                {
                    await TakeWhenSettledAsync(path, stoppingToken);
                }
            }
        }
        finally
        {
            deferred.Finished -= OnDeferredFinished;
        }
    }

    private async Task TakeWhenSettledAsync(string path, CancellationToken stoppingToken)
    {
        var size = new FileInfo(path).Length;
        if (!sizes.TryGetValue(path, out var previous) || previous != size)
        {
            sizes[path] = size;
            return;
        }
        sizes.Remove(path);
        Log.Taking(logger, path);
        var keptAt = Path.Combine(Folder, DeferredFolder, Path.GetFileName(path));
        UpdateResult result;
        try
        {
            result = await updater.ApplyAsync(path, serviceName: null, force: false, stoppingToken, keptAt);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            result = new UpdateResult("offline", UpdateResultKind.Error, ex.Message);
        }
        if (result.Result == UpdateResultKind.Deferred)
        {
            // Kept until the update is applied: the image it loaded could be pruned, and the file is the proof of what waits.
            Directory.CreateDirectory(Path.GetDirectoryName(keptAt)!);
            File.Move(path, keptAt, overwrite: true);
            return;
        }
        Settle(path, result.Result, result.Detail);
    }

    private void OnDeferredFinished(string service, DeferredUpdate update, UpdateResult result)
    {
        if (update.Tarball is { } kept && File.Exists(kept))
        {
            Settle(kept, result.Result, result.Detail);
        }
    }

    /// <summary>Tarballs in deferred/ whose update no longer waits (the agent stopped before it could move them).</summary>
    private void SettleOrphans()
    {
        var folder = Path.Combine(Folder, DeferredFolder);
        if (!Directory.Exists(folder))
        {
            return;
        }
        var waiting = deferred.All.Values.Select(d => d.Tarball).ToHashSet(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder).Where(IsTarball).Where(p => !waiting.Contains(p)))
        {
            Settle(path, UpdateResultKind.UpToDate, "its update no longer waits: applied or superseded while the agent was stopped (see the update history)");
        }
    }

    private void Settle(string path, UpdateResultKind result, string detail)
    {
        try
        {
            var outcome = result is UpdateResultKind.Updated or UpdateResultKind.UpToDate ? "processed" : "rejected";
            var target = Path.Combine(Folder, outcome);
            Directory.CreateDirectory(target);
            File.Move(path, Path.Combine(target, Path.GetFileName(path)), overwrite: true);
            File.WriteAllText(Path.Combine(target, Path.GetFileName(path) + ".txt"), $"{result}: {detail}\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.NotMoved(logger, path, ex.Message);
        }
    }

    private static bool IsTarball(string path) =>
        path.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    private static partial class Log
    {
        [LoggerMessage(90, LogLevel.Information, "Taking image tarball {Path} from the drop folder")]
        public static partial void Taking(ILogger logger, string path);

        [LoggerMessage(91, LogLevel.Warning, "Image tarball {Path} could not be moved out of the drop folder: {Reason}")]
        public static partial void NotMoved(ILogger logger, string path, string reason);
    }
}
