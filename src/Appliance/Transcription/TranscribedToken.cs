namespace LiveStt.Appliance.Transcription;

/// <summary>One decoded token with whisper's probability and (token-level) timestamps.</summary>
public sealed record TranscribedToken(int Id, string Text, float Probability, TimeSpan Start, TimeSpan End, bool IsSpecial);
