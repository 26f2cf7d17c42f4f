using System.Globalization;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Health;

/// <summary>Reads the host's free disk, available memory and CPU temperature from the file system.</summary>
internal sealed class SystemProbe(IOptions<OpsAgentOptions> options)
{
    private string Root => options.Value.SystemRoot;

    /// <summary>Free bytes on the file system that holds the agent's state.</summary>
    public long FreeDiskBytes()
    {
        Directory.CreateDirectory(options.Value.StateDirectory);
        return new DriveInfo(Path.GetFullPath(options.Value.StateDirectory)).AvailableFreeSpace;
    }

    /// <summary>MemAvailable from /proc/meminfo, in bytes; null where the system does not say.</summary>
    public long? AvailableMemoryBytes() => MemInfo("MemAvailable:");

    public long? TotalMemoryBytes() => MemInfo("MemTotal:");

    /// <summary>Hottest thermal zone in °C; null where the system exposes none.</summary>
    public double? CpuTemperatureCelsius()
    {
        var zones = Path.Combine(Root, "sys/class/thermal");
        if (!Directory.Exists(zones))
        {
            return null;
        }
        double? hottest = null;
        foreach (var zone in Directory.GetDirectories(zones, "thermal_zone*"))
        {
            var file = Path.Combine(zone, "temp");
            if (File.Exists(file) && long.TryParse(File.ReadAllText(file).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var milli))
            {
                hottest = Math.Max(hottest ?? double.MinValue, milli / 1000.0);
            }
        }
        return hottest;
    }

    private long? MemInfo(string key)
    {
        var file = Path.Combine(Root, "proc/meminfo");
        if (!File.Exists(file))
        {
            return null;
        }
        foreach (var line in File.ReadLines(file))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var parts = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
                {
                    return kb * 1024;
                }
            }
        }
        return null;
    }
}
