namespace LiveStt.Appliance.Kiosk;

/// <summary>
/// Limits PIN guesses, per client address and for the box as a whole: a few tries free, then a lockout that doubles
/// with every further miss. A try is counted when it starts, so a burst of parallel guesses cannot slip past the count.
/// </summary>
/// <remarks>
/// Inside a container every request comes from the bridge's gateway address, so there the overall limit is the one
/// that holds: four digits are 10,000 guesses, and at a doubling lockout even the first hundred would take days.
/// A right PIN during a lockout is refused like a wrong one, or the lockout would be no limit at all.
/// </remarks>
internal sealed class PinAttemptLimiter(TimeProvider time)
{
    /// <summary>Wrong PINs a client may enter before the first lockout.</summary>
    public const int FreeAttemptsPerClient = 5;

    /// <summary>Wrong PINs from all clients together before the box locks everyone out.</summary>
    public const int FreeAttemptsOverall = 20;

    /// <summary>The first lockout; each miss after it doubles the next one.</summary>
    public static readonly TimeSpan FirstLockout = TimeSpan.FromSeconds(30);

    /// <summary>The longest lockout.</summary>
    public static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);

    /// <summary>Misses are forgotten after this long without one.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    /// <summary>Clients remembered at most; the longest quiet is forgotten first.</summary>
    private const int MaxClients = 4096;

    private readonly Lock gate = new();
    private readonly Dictionary<string, Counter> clients = new(StringComparer.Ordinal);
    private Counter overall = new(0, DateTimeOffset.MinValue, DateTimeOffset.MinValue);

    /// <summary>How long <paramref name="client"/> must wait before its next try; zero when it may try now.</summary>
    public TimeSpan LockedFor(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (gate)
        {
            var now = time.GetUtcNow();
            return Max(Remaining(Current(overall, now), now), Remaining(Current(ClientCounter(client), now), now));
        }
    }

    /// <summary>
    /// Starts a try for <paramref name="client"/>. Refused while a lockout runs; otherwise counted as a miss until
    /// <see cref="Succeeded"/> says otherwise.
    /// </summary>
    public PinAttempt Begin(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (gate)
        {
            var now = time.GetUtcNow();
            var mine = Current(ClientCounter(client), now);
            var all = Current(overall, now);
            var wait = Max(Remaining(mine, now), Remaining(all, now));
            if (wait > TimeSpan.Zero)
            {
                return new PinAttempt(false, wait, 0);
            }

            mine = Miss(mine, FreeAttemptsPerClient, now);
            overall = Miss(all, FreeAttemptsOverall, now);
            Remember(client, mine);
            var left = Math.Max(0, Math.Min(FreeAttemptsPerClient - mine.Misses, FreeAttemptsOverall - overall.Misses));
            return new PinAttempt(true, Max(Remaining(mine, now), Remaining(overall, now)), left);
        }
    }

    /// <summary>The try was the right PIN: the client's misses, and the box's, start again from nothing.</summary>
    public void Succeeded(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (gate)
        {
            clients.Remove(client);
            overall = new Counter(0, DateTimeOffset.MinValue, DateTimeOffset.MinValue);
        }
    }

    private static Counter Miss(Counter counter, int free, DateTimeOffset now)
    {
        var misses = counter.Misses + 1;
        var lockedUntil = misses < free ? counter.LockedUntil : now + Lockout(misses - free);
        return new Counter(misses, now, lockedUntil);
    }

    /// <summary>30 s after the last free try, then 60 s, 120 s and so on, up to 15 min.</summary>
    private static TimeSpan Lockout(int missesPastFree)
    {
        var doublings = Math.Min(missesPastFree, 10);
        var lockout = FirstLockout * Math.Pow(2, doublings);
        return lockout < MaxLockout ? lockout : MaxLockout;
    }

    private static Counter Current(Counter counter, DateTimeOffset now) =>
        counter.Misses > 0 && now - counter.LastMiss > ForgetAfter && now >= counter.LockedUntil
            ? new Counter(0, DateTimeOffset.MinValue, DateTimeOffset.MinValue)
            : counter;

    private static TimeSpan Remaining(Counter counter, DateTimeOffset now) =>
        counter.LockedUntil > now ? counter.LockedUntil - now : TimeSpan.Zero;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private Counter ClientCounter(string client) =>
        clients.TryGetValue(client, out var counter) ? counter : new Counter(0, DateTimeOffset.MinValue, DateTimeOffset.MinValue);

    private void Remember(string client, Counter counter)
    {
        if (!clients.ContainsKey(client) && clients.Count >= MaxClients)
        {
            var quietest = clients.MinBy(entry => entry.Value.LastMiss).Key;
            clients.Remove(quietest);
        }

        clients[client] = counter;
    }

    private readonly record struct Counter(int Misses, DateTimeOffset LastMiss, DateTimeOffset LockedUntil);
}
