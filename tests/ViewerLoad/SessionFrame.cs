namespace LiveStt.ViewerLoad;

/// <summary>The parts of a session notice the load generator reads.</summary>
internal sealed record SessionFrame(string? SessionId, string State);
