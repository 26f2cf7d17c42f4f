namespace LiveStt.Appliance.Transcription;

/// <summary>A segment of decoded text; times are relative to the start of the decoded buffer.</summary>
/// <param name="NoSpeechProbability">whisper's probability that the audio of this segment holds no speech.</param>
/// <param name="AverageLogProbability">
/// OpenAI whisper's avg_logprob of the segment: the sum of the natural-log probabilities of its text (non-special)
/// tokens divided by their number plus one, so a segment without text tokens has 0. Near 0 is a confident decode;
/// whisper treats a value below its log-probability threshold (-1 by default) as a failed one.
/// </param>
public sealed record TranscribedSegment(
    string Text,
    TimeSpan Start,
    TimeSpan End,
    IReadOnlyList<TranscribedToken> Tokens,
    float NoSpeechProbability = 0f,
    double AverageLogProbability = 0);
