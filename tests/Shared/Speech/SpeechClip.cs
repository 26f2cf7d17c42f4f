using System.Text.Json.Serialization;

namespace LiveStt.Tests.Speech;

/// <summary>One line of the shared speech folder's manifest.jsonl.</summary>
internal sealed record SpeechClip(
    [property: JsonPropertyName("audio")] string Audio,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("sample_rate")] int SampleRate,
    [property: JsonPropertyName("duration")] double Duration,
    [property: JsonPropertyName("set")] string Set)
{
    /// <summary>Absolute path, filled in by <see cref="SpeechCorpus"/>.</summary>
    [JsonIgnore]
    public string FullPath { get; init; } = string.Empty;
}
