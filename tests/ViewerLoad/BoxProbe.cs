using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveStt.ViewerLoad;

/// <summary>
/// Reads the appliance from outside: its process's resident memory and CPU time from the host's /proc (the container's
/// process is an ordinary process of the host), and its own status from <c>GET /api/status</c>.
/// </summary>
internal sealed class BoxProbe(int pid, HttpClient status)
{
    private const double ClockTicksPerSecond = 100;

    /// <summary>VmRSS of the appliance, KiB.</summary>
    public long ResidentKib()
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS line");
    }

    /// <summary>User and system CPU seconds the appliance has used (all its threads, whisper's included).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name may hold spaces; the fields after it are space-separated.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
    }

    /// <summary>The pipeline's lag, viewers connected and viewers disconnected for falling behind, as the box says.</summary>
    public async Task<(long LagMs, int? Viewers, long? FellBehind)> StatusAsync(CancellationToken cancellationToken)
    {
        var body = await status.GetFromJsonAsync<JsonElement>(new Uri("/api/status", UriKind.Relative), cancellationToken);
        var lag = body.GetProperty("session").GetProperty("lagMs").GetInt64();
        if (body.TryGetProperty("viewers", out var viewers) && viewers.ValueKind == JsonValueKind.Object)
        {
            return (lag, viewers.GetProperty("connected").GetInt32(), viewers.GetProperty("disconnectedForFallingBehind").GetInt64());
        }

        return (lag, null, null);
    }
}
