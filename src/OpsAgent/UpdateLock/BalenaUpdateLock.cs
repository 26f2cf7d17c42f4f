using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.UpdateLock;

/// <summary>
/// balena's update lock: while the file exists the supervisor defers its updates. The agent creates it
/// exclusively when captions go live and removes it when they stop; a lock someone else holds is left alone.
/// </summary>
public sealed partial class BalenaUpdateLock(IOptions<OpsAgentOptions> options, ILogger<BalenaUpdateLock> logger)
{
    public bool Held { get; private set; }

    public void Set(bool live)
    {
        var path = options.Value.BalenaLockPath;
        if (live && !Held)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using (new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                }
                Held = true;
                Log.Taken(logger, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process holds it: updates are deferred either way, and it is theirs to release.
            }
        }
        else if (!live && Held)
        {
            File.Delete(path);
            Held = false;
            Log.Released(logger, path);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Information, "Captions live: holding the balena update lock {Path}")]
        public static partial void Taken(ILogger logger, string path);

        [LoggerMessage(31, LogLevel.Information, "Captions stopped: released the balena update lock {Path}")]
        public static partial void Released(ILogger logger, string path);
    }
}
