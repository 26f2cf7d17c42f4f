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
}
