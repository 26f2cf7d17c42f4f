namespace LiveStt.Appliance.Tickets;

/// <summary>Where boxes serving the same captions record spent tickets, so a ticket admits one viewer on any of them.</summary>
public interface ISharedTicketLedger
{
    /// <summary>
    /// Records the ticket as spent until it expires. True the first time on any box, false when it was spent before
    /// (here or elsewhere), null when the ledger cannot be reached just now.
    /// </summary>
    ValueTask<bool?> TrySpendAsync(UInt128 ticketId, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
