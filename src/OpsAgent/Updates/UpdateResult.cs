namespace LiveStt.OpsAgent.Updates;

/// <summary>What one update check or offline update did for one service.</summary>
internal sealed record UpdateResult(string Service, UpdateResultKind Result, string Detail, string? Target = null);

internal enum UpdateResultKind
{
    UpToDate,
    Deferred,
    Updated,
    RolledBack,
    SkippedFailedTarget,
    Refused,
    Error,

    /// <summary>The new version failed, but the previous container was gone or would not start, so the new one runs.</summary>
    KeptNew,

    /// <summary>Rolling back or committing hit a Docker error; the agent's recovery retries from the journal.</summary>
    RecoveryPending,

    /// <summary>The agent's own update was handed to a helper container, which will stop this agent.</summary>
    HandedToHelper,
}
