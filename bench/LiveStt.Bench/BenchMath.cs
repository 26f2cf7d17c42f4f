using System.Net;
using System.Net.Sockets;

namespace LiveStt.Bench;

internal static class BenchMath
{
    /// <summary>The value <paramref name="percent"/> % of the way up the sorted values; NaN for none.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, sorted.Count * percent / 100)];
    }

    /// <summary>Count, p50, p95, min and max of times in ms, rounded to the millisecond; nulls for none.</summary>
    public static object Summary(IReadOnlyCollection<double> values) => new
    {
        count = values.Count,
        p50Ms = values.Count == 0 ? (double?)null : Math.Round(Percentile(values, 50)),
        p95Ms = values.Count == 0 ? (double?)null : Math.Round(Percentile(values, 95)),
        minMs = values.Count == 0 ? (double?)null : Math.Round(values.Min()),
        maxMs = values.Count == 0 ? (double?)null : Math.Round(values.Max()),
    };

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
