using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Tests.Guards;

/// <summary>Decoded segments as whisper would hand them over, for the guard tests.</summary>
internal static class Segments
{
    public static TranscribedSegment Of(string text, float noSpeechProbability = 0.01f, double averageLogProbability = -0.2) =>
        new(text, TimeSpan.Zero, TimeSpan.FromSeconds(2), [], noSpeechProbability, averageLogProbability);
}
