namespace LiveStt.Appliance.Transcripts;

/// <summary>One session's transcript, as <c>GET /api/transcripts</c> lists it.</summary>
/// <param name="Id">The session id (8 hex digits).</param>
/// <param name="EndedAt">When it ended; null while it runs, or when it was cut off (a kill or a power cut).</param>
/// <param name="DurationMs">From the start to the end, or to the last committed line where it has no end.</param>
/// <param name="EndReason">stopped, audio-ended, faulted or shutdown; null when it has no end.</param>
/// <param name="Live">Whether this is the session running now (it cannot be deleted).</param>
public sealed record TranscriptSummary(
    string Id,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    long DurationMs,
    int Lines,
    string? EndReason,
    bool Live);
