namespace LiveStt.Appliance.Transcripts;

/// <summary>One committed line as its transcript holds it; times in ms from the session's start.</summary>
public sealed record TranscriptLineRecord(long Seq, long StartMs, long EndMs, DateTimeOffset CommittedAt, string Text);
