namespace LiveStt.Appliance.Backplane;

/// <summary>Reads what the backplane's parts are doing, for the status API; null when the box is on its own.</summary>
internal sealed class BackplaneMonitor(IServiceProvider services)
{
    public BackplaneStatus? Current
    {
        get
        {
            if (services.GetService<RedisBackplane>() is not { } redis)
            {
                return null;
            }

            if (services.GetService<BackplaneRelay>() is { } relay)
            {
                return new BackplaneStatus("relay", redis.IsConnected, EventsReceived: relay.Received, InSync: relay.InSync);
            }

            var forwarder = services.GetRequiredService<BackplaneForwarder>();
            return new BackplaneStatus("source", redis.IsConnected, forwarder.Forwarded, forwarder.Waiting, forwarder.Dropped);
        }
    }
}
