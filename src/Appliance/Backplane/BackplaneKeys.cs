namespace LiveStt.Appliance.Backplane;

/// <summary>
/// The Redis keys one caption source and its relays share, all under one prefix so several halls can use one server.
/// </summary>
internal sealed class BackplaneKeys(string prefix)
{
    /// <summary>Every event the source published, in order: a stream, so a relay that lost Redis for a while reads on from where it was.</summary>
    public string Events { get; } = $"{prefix}:events";

    /// <summary>Told each time <see cref="Events"/> grows, so relays read at once instead of polling fast.</summary>
    public string EventsAdded { get; } = $"{prefix}:events-added";

    /// <summary>The last session notice, for a relay that starts while a session runs.</summary>
    public string Notice { get; } = $"{prefix}:notice";

    /// <summary>A session's committed lines, oldest first: its backlog and history on every relay.</summary>
    public string Lines(string sessionId) => $"{prefix}:lines:{sessionId}";

    /// <summary>Marks a ticket spent, on whichever instance it was presented.</summary>
    public string SpentTicket(UInt128 ticketId) => $"{prefix}:spent:{ticketId:x32}";
}
