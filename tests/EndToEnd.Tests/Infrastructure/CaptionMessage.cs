namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>A caption event as a viewer receives it from the hub.</summary>
public sealed record CaptionMessage(string SessionId, long Seq, string Kind, string Text, long StartMs, long EndMs);
