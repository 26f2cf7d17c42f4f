using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.UpdateLock;

/// <summary>
/// balena's update lock: while the file exists the supervisor defers its updates. The agent creates it
/// exclusively when captions go live and removes it when they stop; a lock someone else holds is left alone. The
/// file says which agent process holds it, so that one left by a crashed agent is released after its restart.
/// </summary>
internal sealed partial class BalenaUpdateLock(IOptions<OpsAgentOptions> options, ILogger<BalenaUpdateLock> logger)
{
    public bool Held { get; private set; }

    private string LockPath => options.Value.BalenaLockPath;

    /// <summary>Removes a lock this agent wrote in an earlier life (crashed, or killed) that nobody will release now.</summary>
    public void ReleaseStale()
    {
        string content;
        try
        {
            content = File.ReadAllText(LockPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return;
        }
        if (LockHolder.Parse(content) is { } holder && !holder.IsAlive(options.Value.SystemRoot))
        {
            File.Delete(LockPath);
            Log.ReleasedStale(logger, LockPath, holder.ProcessId, holder.BootId);
        }
    }

    public void Set(bool live)
    {
        if (live && !Held)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(LockPath)!);
                using (var file = new FileStream(LockPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                using (var writer = new StreamWriter(file))
                {
                    writer.Write(LockHolder.Current(options.Value.SystemRoot).ToLine());
                }
                Held = true;
                Log.Taken(logger, LockPath);
            }
            catch (IOException) when (File.Exists(LockPath))
            {
                // Another process holds it: updates are deferred either way, and it is theirs to release.
            }
        }
        else if (!live && Held)
        {
            File.Delete(LockPath);
            Held = false;
            Log.Released(logger, LockPath);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Information, "Captions live: holding the balena update lock {Path}")]
        public static partial void Taken(ILogger logger, string path);

        [LoggerMessage(31, LogLevel.Information, "Captions stopped: released the balena update lock {Path}")]
        public static partial void Released(ILogger logger, string path);

        [LoggerMessage(32, LogLevel.Warning, "Released the balena update lock {Path} left by an earlier agent process ({ProcessId} on boot {BootId}) that no longer runs")]
        public static partial void ReleasedStale(ILogger logger, string path, int processId, string bootId);
    }
}
