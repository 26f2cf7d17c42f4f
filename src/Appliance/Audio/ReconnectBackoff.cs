namespace LiveStt.Appliance.Audio;

/// <summary>Waits between attempts to get a lost input back: doubling from the first wait to the longest, and back to the first once audio flows.</summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan first;
    private readonly TimeSpan longest;
    private TimeSpan next;

    public ReconnectBackoff(TimeSpan first, TimeSpan longest)
    {
        this.first = first;
        this.longest = longest;
        next = first;
    }

    /// <summary>1 s, doubling to at most 30 s.</summary>
    public static ReconnectBackoff Default => new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    public TimeSpan Next()
    {
        var delay = next;
        next = next * 2 > longest ? longest : next * 2;
        return delay;
    }

    public void Reset() => next = first;
}
