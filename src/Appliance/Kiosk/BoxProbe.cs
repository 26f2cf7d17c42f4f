using System.Globalization;
using LiveStt.Appliance.Transcripts;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Kiosk;

/// <summary>
/// Reads the disk space left for transcripts and the hottest thermal zone, at most every few seconds however often
/// the kiosk is updated: neither moves fast, and both are file-system calls.
/// </summary>
internal sealed class BoxProbe(IOptions<TranscriptOptions> transcripts, TimeProvider time)
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(5);

    /// <summary>Where Linux lists its thermal zones (a Jetson has several; a VM often none).</summary>
    internal const string ThermalZones = "/sys/class/thermal";

    private readonly Lock gate = new();
    private BoxReadings? last;
    private long lastRead;

    public BoxReadings Read()
    {
        lock (gate)
        {
            if (last is null || time.GetElapsedTime(lastRead) >= ReadEvery)
            {
                last = new BoxReadings(Disk(out var total), total, Temperature(ThermalZones));
                lastRead = time.GetTimestamp();
            }

            return last;
        }
    }

    /// <summary>The hottest of the zones' <c>temp</c> files (millidegrees Celsius), in °C; null when there are none.</summary>
    internal static double? Temperature(string zonesDirectory)
    {
        if (!Directory.Exists(zonesDirectory))
        {
            return null;
        }

        double? hottest = null;
        foreach (var zone in Directory.EnumerateDirectories(zonesDirectory, "thermal_zone*"))
        {
            try
            {
                var text = File.ReadAllText(Path.Combine(zone, "temp")).Trim();
                // A zone whose sensor is off reads an error, or a value no CPU reaches.
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milli) && milli is > -50_000 and < 150_000)
                {
                    var celsius = milli / 1000.0;
                    hottest = hottest is null ? celsius : Math.Max(hottest.Value, celsius);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        return hottest;
    }

    private long? Disk(out long? total)
    {
        total = null;
        var directory = transcripts.Value.Directory;
        var path = !string.IsNullOrWhiteSpace(directory) && Directory.Exists(directory) ? directory : "/";
        try
        {
            var drive = new DriveInfo(path);
            total = drive.TotalSize;
            return drive.AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
