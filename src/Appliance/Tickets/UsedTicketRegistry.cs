namespace LiveStt.Appliance.Tickets;

/// <summary>
/// Remembers the ids of used tickets until they expire, so each ticket admits one connection. Memory
/// is bounded: expired ids are pruned on every call, and when the cap is reached new ids are refused
/// instead of stored.
/// </summary>
internal sealed class UsedTicketRegistry(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<UInt128, long> _expiryById = [];
    private readonly PriorityQueue<UInt128, long> _byExpiry = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _expiryById.Count;
            }
        }
    }

    public bool IsUsed(UInt128 id, long nowUnixMs)
    {
        lock (_gate)
        {
            Prune(nowUnixMs);
            return _expiryById.ContainsKey(id);
        }
    }

    /// <summary>Records the id as used; <see cref="TicketVerdict.Accepted"/> only for the first use.</summary>
    public TicketVerdict TryUse(UInt128 id, long expiresAtUnixMs, long nowUnixMs)
    {
        lock (_gate)
        {
            Prune(nowUnixMs);
            if (_expiryById.ContainsKey(id))
            {
                return TicketVerdict.AlreadyUsed;
            }

            if (_expiryById.Count >= capacity)
            {
                return TicketVerdict.TooManyInFlight;
            }

            _expiryById.Add(id, expiresAtUnixMs);
            _byExpiry.Enqueue(id, expiresAtUnixMs);
            return TicketVerdict.Accepted;
        }
    }

    private void Prune(long nowUnixMs)
    {
        // A ticket is refused from its expiry instant on, so from then on its id need not be remembered.
        while (_byExpiry.TryPeek(out var id, out var expiresAt) && expiresAt <= nowUnixMs)
        {
            _byExpiry.Dequeue();
            _expiryById.Remove(id);
        }
    }
}
