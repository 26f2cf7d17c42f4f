using System.Globalization;

namespace LiveStt.OpsAgent.UpdateLock;

/// <summary>
/// Who holds the balena update lock, written into the lock file: the agent, on which boot, as which process (its
/// PID and start time, so that a PID used again after a restart is not mistaken for the old holder).
/// </summary>
internal sealed record LockHolder(string BootId, int ProcessId, long ProcessStartTicks)
{
    private const string Tag = "livestt-opsagent";

    public static LockHolder Current(string systemRoot) =>
        new(ReadBootId(systemRoot), Environment.ProcessId, StartTicks(systemRoot, Environment.ProcessId) ?? 0);

    public string ToLine() =>
        string.Create(CultureInfo.InvariantCulture, $"{Tag} boot={BootId} pid={ProcessId} start={ProcessStartTicks}\n");

    /// <summary>The holder a lock file names, or null when the agent did not write it.</summary>
    public static LockHolder? Parse(string content)
    {
        var fields = content.Trim().Split(' ');
        if (fields.Length != 4 || fields[0] != Tag)
        {
            return null;
        }
        var values = fields[1..].Select(f => f.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return values.TryGetValue("boot", out var boot)
            && values.TryGetValue("pid", out var pid) && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
            && values.TryGetValue("start", out var start) && long.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var startTicks)
            ? new LockHolder(boot, processId, startTicks)
            : null;
    }

    /// <summary>Whether the process that wrote the lock is still running on this boot.</summary>
    public bool IsAlive(string systemRoot) =>
        BootId == ReadBootId(systemRoot) && StartTicks(systemRoot, ProcessId) == ProcessStartTicks;

    private static string ReadBootId(string systemRoot)
    {
        var path = Path.Combine(systemRoot, "proc/sys/kernel/random/boot_id");
        return File.Exists(path) ? File.ReadAllText(path).Trim() : "unknown";
    }

    private static long? StartTicks(string systemRoot, int processId)
    {
        try
        {
            // Field 22 of /proc/<pid>/stat, counted after the command name (in parentheses, which may hold spaces).
            var stat = File.ReadAllText(Path.Combine(systemRoot, "proc", processId.ToString(CultureInfo.InvariantCulture), "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
