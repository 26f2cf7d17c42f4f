namespace LiveStt.OpsAgent.Updates;

/// <summary>How a swap ended.</summary>
internal enum SwapOutcome
{
    /// <summary>The new container is healthy and runs under the service's name.</summary>
    Updated,

    /// <summary>The new container failed; the old one runs again.</summary>
    RolledBack,

    /// <summary>The new container failed, but the old one was gone or would not start: the new one stays, running.</summary>
    KeptNew,

    /// <summary>Rolling back or committing failed; the journal stays and the agent's recovery retries it.</summary>
    RecoveryPending,

    /// <summary>Neither the old nor the new container exists any more: nothing the agent can start.</summary>
    NothingToRun,
}
