namespace LiveStt.Appliance.Backplane;

/// <summary>How this box is joined to others through Redis (in <c>/api/status</c>; absent when it is on its own).</summary>
/// <param name="Role"><c>source</c> (it captions, and writes its events to Redis) or <c>relay</c> (it serves the source's).</param>
/// <param name="Connected">Whether Redis answers now.</param>
/// <param name="EventsForwarded">A source's events written to Redis since start-up.</param>
/// <param name="EventsWaiting">A source's events waiting for Redis.</param>
/// <param name="EventsDropped">A source's events dropped because too many were waiting.</param>
/// <param name="EventsReceived">A relay's events read from Redis since start-up.</param>
/// <param name="InSync">Whether a relay reads the source's events as they come.</param>
public sealed record BackplaneStatus(
    string Role,
    bool Connected,
    long? EventsForwarded = null,
    int? EventsWaiting = null,
    long? EventsDropped = null,
    long? EventsReceived = null,
    bool? InSync = null);
