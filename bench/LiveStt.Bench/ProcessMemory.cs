using System.Globalization;

namespace LiveStt.Bench;

/// <summary>This process's resident memory as the kernel reports it.</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS: resident now, in MiB.</summary>
    public static double ResidentMiB() => Read("VmRSS:");

    /// <summary>VmHWM: the peak resident size so far, in MiB.</summary>
    public static double PeakResidentMiB() => Read("VmHWM:");

    private static double Read(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024.0;
    }
}
