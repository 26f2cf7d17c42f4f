namespace LiveStt.Appliance.Transcription;

/// <summary>A segment of decoded text; times are relative to the start of the decoded buffer.</summary>
public sealed record TranscribedSegment(string Text, TimeSpan Start, TimeSpan End, IReadOnlyList<TranscribedToken> Tokens);
