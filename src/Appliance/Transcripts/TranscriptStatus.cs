namespace LiveStt.Appliance.Transcripts;

/// <summary>How the session's transcript is being written, for status and health.</summary>
/// <param name="Path">The file; null when none could be made.</param>
/// <param name="Writing">Whether records reach the disk as they come: false while some wait (the disk is full) or none can be written.</param>
/// <param name="Pending">Records waiting in memory, in order, to be written once the disk takes them again.</param>
/// <param name="DroppedLines">Committed lines lost to the transcript because more waited than <c>Transcripts:PendingRecords</c>.</param>
/// <param name="Error">Why the last write failed, while writing fails.</param>
public sealed record TranscriptStatus(string? Path, bool Writing, int Pending, long DroppedLines, string? Error);
