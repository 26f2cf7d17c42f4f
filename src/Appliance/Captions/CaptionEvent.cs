namespace LiveStt.Appliance.Captions;

/// <summary>
/// What viewers receive. <paramref name="Seq"/> increases by one per event within a session.
/// Times are milliseconds since the session's audio started.
/// </summary>
public sealed record CaptionEvent(string SessionId, long Seq, CaptionKind Kind, string Text, long StartMs, long EndMs);
