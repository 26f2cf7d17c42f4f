namespace LiveStt.OpsAgent.Updates;

/// <summary>What one update check or offline update did for one service.</summary>
public sealed record UpdateResult(string Service, UpdateResultKind Result, string Detail, string? Target = null);

public enum UpdateResultKind
{
    UpToDate,
    Deferred,
    Updated,
    RolledBack,
    SkippedFailedTarget,
    Refused,
    Error,

    /// <summary>The agent's own update was handed to a helper container, which will stop this agent.</summary>
    HandedToHelper,
}
