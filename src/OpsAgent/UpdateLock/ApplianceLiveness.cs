namespace LiveStt.OpsAgent.UpdateLock;

/// <summary>How long the appliance's /healthz has been failing without a break, from every reading the agent takes.</summary>
internal sealed class ApplianceLiveness(TimeProvider time)
{
    private readonly Lock gate = new();
    private DateTimeOffset? failingSince;

    public void Observe(string? failure)
    {
        lock (gate)
        {
            failingSince = failure is null ? null : failingSince ?? time.GetUtcNow();
        }
    }

    /// <summary>Zero while /healthz answers (or has not been read since the agent started).</summary>
    public TimeSpan FailingFor
    {
        get
        {
            lock (gate)
            {
                return failingSince is { } since ? time.GetUtcNow() - since : TimeSpan.Zero;
            }
        }
    }
}
