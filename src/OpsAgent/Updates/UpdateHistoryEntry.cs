namespace LiveStt.OpsAgent.Updates;

/// <summary>One line of the update history.</summary>
internal sealed record UpdateHistoryEntry(
    DateTimeOffset Time,
    string Service,
    string Event,
    string Detail,
    string? SwapId = null,
    string? Step = null,
    string? Target = null);
