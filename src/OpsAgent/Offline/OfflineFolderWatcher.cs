using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Updates;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Offline;

/// <summary>
/// Watches the drop folder for image tarballs. A file is taken once its size has stopped changing (a copy
/// from a USB stick may be slow), then moved to processed/ or rejected/ with a note saying what happened.
/// </summary>
internal sealed partial class OfflineFolderWatcher(
    OfflineUpdater updater,
    IOptions<OpsAgentOptions> options,
    TimeProvider time,
    ILogger<OfflineFolderWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan ScanInterval = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var folder = options.Value.OfflineDropDirectory;
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }
        Directory.CreateDirectory(folder);
        using var timer = new PeriodicTimer(ScanInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var path in Directory.EnumerateFiles(folder).Where(IsTarball).ToList())
            {
                var size = new FileInfo(path).Length;
                if (!_sizes.TryGetValue(path, out var previous) || previous != size)
                {
                    _sizes[path] = size;
                    continue;
                }
                _sizes.Remove(path);
                Log.Taking(logger, path);
                var result = await updater.ApplyAsync(path, serviceName: null, force: false, stoppingToken);
                if (result.Result == UpdateResultKind.Deferred)
                {
                    // The image is loaded and the update waits for the session; the file is done with.
                    File.Delete(path);
                    continue;
                }
                var outcome = result.Result is UpdateResultKind.Updated or UpdateResultKind.UpToDate ? "processed" : "rejected";
                var target = Path.Combine(folder, outcome);
                Directory.CreateDirectory(target);
                File.Move(path, Path.Combine(target, Path.GetFileName(path)), overwrite: true);
                await File.WriteAllTextAsync(Path.Combine(target, Path.GetFileName(path) + ".txt"), $"{result.Result}: {result.Detail}\n", stoppingToken);
            }
        }
    }

    private static bool IsTarball(string path) =>
        path.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    private static partial class Log
    {
        [LoggerMessage(90, LogLevel.Information, "Taking image tarball {Path} from the drop folder")]
        public static partial void Taking(ILogger logger, string path);
    }
}
