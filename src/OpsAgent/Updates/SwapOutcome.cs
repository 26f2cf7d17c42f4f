namespace LiveStt.OpsAgent.Updates;

/// <summary>How a swap ended.</summary>
public enum SwapOutcome
{
    /// <summary>The new container is healthy and runs under the service's name.</summary>
    Updated,

    /// <summary>The new container failed; the old one runs again.</summary>
    RolledBack,
}
