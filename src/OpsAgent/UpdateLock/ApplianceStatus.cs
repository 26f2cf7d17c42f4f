namespace LiveStt.OpsAgent.UpdateLock;

/// <summary>What the agent reads from the appliance's /api/status (only the parts it uses).</summary>
internal sealed record ApplianceStatus(string? SessionState, bool? AudioAlive, double? LagMs, string? Error)
{
    /// <summary>
    /// A session is in progress, live or paused by a volunteer (a prayer, a pastoral moment): updates of the
    /// appliance must wait, or the service would lose its captions half-way.
    /// </summary>
    public bool CaptionsLive =>
        string.Equals(SessionState, "live", StringComparison.OrdinalIgnoreCase) || string.Equals(SessionState, "paused", StringComparison.OrdinalIgnoreCase);
}
