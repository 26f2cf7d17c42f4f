namespace LiveStt.Appliance.Captions;

/// <summary>
/// How often one connection may make a call that costs the box a read from disk: a burst of
/// <paramref name="burst"/>, then one every <paramref name="refill"/>. Kept with the connection, so it
/// goes with it; nothing runs in the background.
/// </summary>
internal sealed class CallBudget(TimeProvider time, int burst, TimeSpan refill)
{
    private readonly Lock gate = new();
    private double calls = burst;
    private long since = time.GetTimestamp();

    /// <summary>Takes one call from the budget; false when it is spent for now.</summary>
    public bool TryTake()
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            calls = Math.Min(burst, calls + (time.GetElapsedTime(since, now) / refill));
            since = now;
            if (calls < 1)
            {
                return false;
            }

            calls--;
            return true;
        }
    }
}
