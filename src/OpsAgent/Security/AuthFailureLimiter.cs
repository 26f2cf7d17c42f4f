using System.Collections.Concurrent;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Security;

/// <summary>Counts failed authentications per client address and locks an address out after too many.</summary>
internal sealed class AuthFailureLimiter(IOptions<OpsAgentOptions> options, TimeProvider time)
{
    private const int MaxTrackedAddresses = 4096;
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>When the address may try again, or null when it is not locked out.</summary>
    public TimeSpan? LockedOutFor(string address)
    {
        if (_failures.TryGetValue(address, out var f))
        {
            lock (f)
            {
                var now = time.GetUtcNow();
                if (f.LockedUntil > now)
                {
                    return f.LockedUntil - now;
                }
            }
        }
        return null;
    }

    public void RecordFailure(string address)
    {
        if (_failures.Count >= MaxTrackedAddresses)
        {
            Sweep();
        }
        var f = _failures.GetOrAdd(address, _ => new Failures());
        lock (f)
        {
            var now = time.GetUtcNow();
            var window = options.Value.AuthFailureWindow;
            if (now - f.WindowStart > window)
            {
                f.WindowStart = now;
                f.Count = 0;
            }
            f.Count++;
            if (f.Count >= options.Value.AuthFailureLimit)
            {
                f.LockedUntil = now + window;
                f.Count = 0;
                f.WindowStart = now;
            }
        }
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (address, f) in _failures)
        {
            if (f.LockedUntil < now && now - f.WindowStart > options.Value.AuthFailureWindow)
            {
                _failures.TryRemove(address, out _);
            }
        }
    }

    private sealed class Failures
    {
        public DateTimeOffset WindowStart { get; set; }
        public int Count { get; set; }
        public DateTimeOffset LockedUntil { get; set; }
    }
}
