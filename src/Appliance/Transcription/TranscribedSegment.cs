namespace LiveStt.Appliance.Transcription;

/// <summary>A segment of decoded text; times are relative to the start of the decoded buffer.</summary>
/// <param name="NoSpeechProbability">whisper's probability that the audio of this segment holds no speech.</param>
public sealed record TranscribedSegment(string Text, TimeSpan Start, TimeSpan End, IReadOnlyList<TranscribedToken> Tokens, float NoSpeechProbability = 0f);
