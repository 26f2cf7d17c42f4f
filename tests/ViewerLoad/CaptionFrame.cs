namespace LiveStt.ViewerLoad;

/// <summary>The parts of a caption event the load generator reads; the rest of the payload is skipped.</summary>
internal sealed record CaptionFrame(string SessionId, long Seq, long? PublishedAtUnixMs);
