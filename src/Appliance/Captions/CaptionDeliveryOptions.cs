namespace LiveStt.Appliance.Captions;

/// <summary>How captions reach viewers.</summary>
public sealed class CaptionDeliveryOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string SectionName = "Captions";

    /// <summary>Committed lines of the current session kept for viewers who join late; 1 to 1000.</summary>
    public int BacklogLines { get; set; } = 50;

    /// <summary>
    /// Most committed lines one reconnecting viewer is sent at once; <see cref="BacklogLines"/> to 100000. A viewer
    /// that was away longer than the backlog reaches gets what it missed from the session's transcript; one that missed
    /// more than this gets the newest this many, and the older ones stay in the transcript (the kiosk's download, or
    /// the hub's <c>Earlier</c>).
    /// </summary>
    public int ResumeMaxLines { get; set; } = 5000;

    /// <summary>
    /// Messages that may wait for one viewer; 16 to 100000. A viewer that falls this far behind (a phone
    /// that left the Wi-Fi without closing its connection) is disconnected rather than allowed to hold
    /// up anything; it reconnects and catches up from the backlog.
    /// </summary>
    public int ViewerQueueCapacity { get; set; } = 256;

    /// <summary>
    /// The address phones open to read captions, for the kiosk's join QR code and card (e.g. <c>http://captions.local/</c>).
    /// When unset, the address the kiosk itself was opened on is used.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>The Wi-Fi network phones must join first, printed on the join card; empty leaves it off.</summary>
    public string? WifiName { get; set; }

    /// <summary>
    /// A Redis connection string (e.g. <c>127.0.0.1:6379</c> or <c>redis.hall:6379,password=...</c>) joining this box to
    /// others that serve the same captions: the caption source writes every event there, relays read them, and all of
    /// them share which tickets are spent. Empty (the default) keeps the box on its own.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// This instance only serves viewers: its captions come from the source through <see cref="Redis"/>, it runs no
    /// session of its own, and its kiosk cannot start one. Needs <see cref="Redis"/>.
    /// </summary>
    public bool Relay { get; set; }

    /// <summary>
    /// What this source's keys in Redis start with, so several halls (each a source with its relays) can share one Redis
    /// server; letters, digits, '-', '_' and '.', 1 to 64 characters.
    /// </summary>
    public string RedisKeyPrefix { get; set; } = "livestt";

    /// <summary>How long a session's committed lines stay in Redis for viewers resuming on a relay; 1 to 30 days.</summary>
    public int RedisHistoryDays { get; set; } = 2;
}
