namespace LiveStt.Appliance.Tickets;

/// <summary>A ticket as handed to a viewer: the opaque string to present to the hub, and when it stops working.</summary>
public sealed record IssuedTicket(string Ticket, DateTimeOffset ExpiresAt);
