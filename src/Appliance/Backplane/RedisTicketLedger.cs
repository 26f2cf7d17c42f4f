using LiveStt.Appliance.Tickets;
using StackExchange.Redis;

namespace LiveStt.Appliance.Backplane;

/// <summary>Spent tickets in Redis: one key per ticket, set only if absent, gone when the ticket expires.</summary>
internal sealed class RedisTicketLedger(RedisBackplane redis, TimeProvider time) : ISharedTicketLedger
{
    /// <summary>A phone waits for its connection on this; past it, the box admits on its own record rather than keep it waiting.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    public async ValueTask<bool?> TrySpendAsync(UInt128 ticketId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (redis.IsKnownDown)
        {
            return null;
        }

        var lifetime = expiresAt - time.GetUtcNow();
        if (lifetime <= TimeSpan.Zero)
        {
            return false;
        }

        try
        {
            var database = await redis.DatabaseAsync();
            return await database.StringSetAsync(redis.Keys.SpentTicket(ticketId), 1, lifetime, When.NotExists)
                .WaitAsync(Patience, time, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return null;
        }
    }
}
