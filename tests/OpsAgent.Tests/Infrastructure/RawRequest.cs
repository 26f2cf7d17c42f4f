namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>
/// Request addresses sent exactly as written. System.Uri would otherwise unescape "%2E" and fold "..", so the agent
/// would never see the path a hostile client sends.
/// </summary>
public static class RawRequest
{
    public static Uri At(Uri agent, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        return new Uri(agent.GetLeftPart(UriPartial.Authority) + pathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
    }
}
