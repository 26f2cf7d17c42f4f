namespace LiveStt.Appliance.Tickets;

/// <summary>Settings for the short-lived, single-use tickets that admit a viewer to the caption hub.</summary>
public sealed class TicketOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string SectionName = "Tickets";

    /// <summary>The longest lifetime a ticket may be given.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a ticket stays valid after it is issued; 1 to 60 seconds. A viewer uses its ticket within
    /// a second of getting it, so a short lifetime costs nothing and limits what a leaked ticket is worth.
    /// </summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Optional path to a file whose bytes (at least 32) are the HMAC key, so tickets stay valid across
    /// a restart or between processes sharing the file. When unset, a random 32-byte key is generated
    /// for each process at start-up. The key is never logged or returned.
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// How many used, not yet expired tickets are remembered to refuse their reuse. When that many are
    /// held, further connections are refused until some expire, rather than letting memory grow.
    /// </summary>
    public int MaxRememberedTickets { get; set; } = 10_000;

    /// <summary>
    /// Tickets issued per client address per minute once a burst (<see cref="BurstPerAddress"/>) is spent; the same
    /// limit, counted apart, applies to connections at the caption hub. Refilled evenly across the minute.
    /// </summary>
    public int PermitsPerMinutePerAddress { get; set; } = 600;

    /// <summary>
    /// Tickets (and, counted apart, hub connections) one client address may take at once; 1 to 100000. A room of
    /// phones behind one router shares its address, joins within seconds of the QR code going up, and joins again
    /// within seconds when the box restarts or is updated: the default lets a room of 1000 do both inside a minute,
    /// while a flood from one address still gets no more than <see cref="PermitsPerMinutePerAddress"/> after it.
    /// </summary>
    public int BurstPerAddress { get; set; } = 2000;
}
