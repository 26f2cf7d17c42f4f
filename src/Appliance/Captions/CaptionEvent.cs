using System.Text.Json.Serialization;

namespace LiveStt.Appliance.Captions;

/// <summary>
/// What viewers receive. <paramref name="Seq"/> increases by one per event within a session.
/// Times are milliseconds since the session's audio started.
/// </summary>
public sealed record CaptionEvent(string SessionId, long Seq, CaptionKind Kind, string Text, long StartMs, long EndMs)
{
    /// <summary>
    /// When the box handed the event to its viewers (Unix milliseconds), so a phone, or a load test on the same clock,
    /// can tell how long delivery took. Null on lines restored from the transcript after a restart: they were never
    /// published by this process.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? PublishedAtUnixMs { get; init; }
}
