namespace LiveStt.Appliance.Tests.Audio;

/// <summary>A committed line as a session's transcript file holds it.</summary>
public sealed record TranscriptLine(long Seq, long StartMs, long EndMs, string Text);
