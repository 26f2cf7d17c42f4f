namespace LiveStt.OpsAgent.UpdateLock;

/// <summary>What the agent reads from the appliance's /api/status (only the parts it uses).</summary>
public sealed record ApplianceStatus(string? SessionState, bool? AudioAlive, double? LagMs, string? Error)
{
    /// <summary>Captions are live: updates of the appliance must wait.</summary>
    public bool CaptionsLive => string.Equals(SessionState, "live", StringComparison.OrdinalIgnoreCase);
}
