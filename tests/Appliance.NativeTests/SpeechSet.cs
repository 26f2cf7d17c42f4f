using System.Text.Json;
using System.Text.Json.Serialization;
using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.NativeTests;

/// <summary>
/// The shared recorded speech, found through LIVESTT_SPEECH_DIR (the container run mounts it there) or
/// ../shared/speech beside the repository. Missing: skipped on a developer machine, a failure under CI=true.
/// </summary>
internal static class SpeechSet
{
    public const string DirectoryVariable = "LIVESTT_SPEECH_DIR";

    public static string RequireDirectory()
    {
        var directory = Locate();
        if (directory is not null && File.Exists(Path.Combine(directory, "manifest.jsonl")))
        {
            return directory;
        }

        var message = $"The shared speech folder was not found (looked at '{directory ?? "<no repository root>"}'); set {DirectoryVariable}.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return string.Empty;
    }

    /// <summary>The 16 kHz WAV utterances, which whisper takes without resampling.</summary>
    public static IReadOnlyList<SpeechClip> Clips16k()
    {
        var directory = RequireDirectory();
        var clips = File.ReadLines(Path.Combine(directory, "manifest.jsonl"))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<SpeechClip>(line) ?? throw new InvalidDataException($"Bad manifest line: {line}"))
            .Where(clip => clip.SampleRate == 16_000 && clip.Audio.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
            .Select(clip => clip with { FullPath = Path.Combine(directory, clip.Audio) })
            .ToList();
        clips.ShouldNotBeEmpty("the speech manifest lists no 16 kHz WAV files");
        return clips;
    }

    public static SpeechClip Named(string audioPath) =>
        Clips16k().SingleOrDefault(clip => clip.Audio == audioPath) ?? throw new InvalidOperationException($"{audioPath} is not in the speech manifest.");

    /// <summary>Reads a clip as 16 kHz mono float samples.</summary>
    public static float[] Read(SpeechClip clip)
    {
        using var reader = WavReader.Open(clip.FullPath);
        reader.Format.SampleRate.ShouldBe(16_000, clip.Audio);
        var samples = new float[checked((int)(reader.FrameCount ?? throw new InvalidDataException($"{clip.Audio} has no data length")))];
        var read = 0;
        while (read < samples.Length)
        {
            var n = reader.ReadMono(samples.AsSpan(read));
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        read.ShouldBe(samples.Length, clip.Audio);
        return samples;
    }

    /// <summary>Clips joined end to end until at least <paramref name="duration"/> of speech.</summary>
    public static float[] Continuous(TimeSpan duration)
    {
        var wanted = (int)(duration.TotalSeconds * 16_000);
        var joined = new List<float>(wanted + 16_000 * 12);
        foreach (var clip in Clips16k())
        {
            joined.AddRange(Read(clip));
            if (joined.Count >= wanted)
            {
                break;
            }
        }

        joined.Count.ShouldBeGreaterThanOrEqualTo(wanted, "the speech set is shorter than the audio the test needs");
        return [.. joined];
    }

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LiveStt.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "speech"));
            }
        }

        return null;
    }
}

/// <summary>One line of the speech manifest.</summary>
internal sealed record SpeechClip(
    [property: JsonPropertyName("audio")] string Audio,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("sample_rate")] int SampleRate,
    [property: JsonPropertyName("duration")] double Duration,
    [property: JsonPropertyName("set")] string Set)
{
    [JsonIgnore]
    public string FullPath { get; init; } = string.Empty;
}
