namespace LiveStt.Appliance.Transcripts;

/// <summary>A transcript read back from disk: when it began and ended, and its committed lines in order.</summary>
public sealed record TranscriptDocument(
    string Id,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? EndReason,
    IReadOnlyList<TranscriptLineRecord> Lines)
{
    public long DurationMs => EndedAt is { } ended
        ? Math.Max(0, (long)(ended - StartedAt).TotalMilliseconds)
        : Lines.Count == 0 ? 0 : Lines.Max(line => line.EndMs);
}
