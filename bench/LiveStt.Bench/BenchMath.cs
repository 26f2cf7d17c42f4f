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

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
