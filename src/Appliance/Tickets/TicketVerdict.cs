namespace LiveStt.Appliance.Tickets;

/// <summary>What checking a ticket concluded.</summary>
public enum TicketVerdict
{
    /// <summary>Signed by this box, unexpired and not used before.</summary>
    Accepted,

    /// <summary>No ticket was presented.</summary>
    Missing,

    /// <summary>Not shaped like a ticket.</summary>
    Malformed,

    /// <summary>Shaped like a ticket, but its signature is not this box's (forged or altered).</summary>
    BadSignature,

    /// <summary>Genuine but past its expiry.</summary>
    Expired,

    /// <summary>Genuine and unexpired but already used for a connection.</summary>
    AlreadyUsed,

    /// <summary>Genuine, but too many used tickets are remembered to take one more until some expire.</summary>
    TooManyInFlight,
}
