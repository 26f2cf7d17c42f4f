using System.Text.Json;
using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Tests.Audio;

/// <summary>
/// The shared folder of real recorded speech (never copied into the repository). Found through
/// LIVESTT_SPEECH_DIR, or ../shared/speech beside the repository root. When it is missing the test is
/// skipped on a developer machine and fails under CI=true, so CI cannot pass without the real audio.
/// </summary>
internal static class SpeechCorpus
{
    public const string DirectoryVariable = "LIVESTT_SPEECH_DIR";

    private static readonly Lazy<string?> LocatedDirectory = new(Locate);

    public static string RequireDirectory()
    {
        var directory = LocatedDirectory.Value;
        if (directory is not null && File.Exists(Path.Combine(directory, "manifest.jsonl")))
        {
            return directory;
        }

        var message = $"The shared speech folder was not found (looked at '{directory ?? "<no repository root>"}'; set {DirectoryVariable}).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return "";
    }

    public static IReadOnlyList<SpeechClip> Clips()
    {
        var directory = RequireDirectory();
        return File.ReadLines(Path.Combine(directory, "manifest.jsonl"))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<SpeechClip>(line)
                ?? throw new InvalidDataException($"Bad manifest line: {line}"))
            .Select(clip => clip with { FullPath = Path.Combine(directory, clip.Audio) })
            .ToList();
    }

    /// <summary>A WAV clip as the pipeline hears it: 16 kHz mono.</summary>
    public static float[] Load16kMono(SpeechClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        using var reader = WavReader.Open(clip.FullPath);
        var input = new float[reader.FrameCount!.Value];
        reader.ReadMono(input);
        var resampler = new WindowedSincResampler(reader.Format.SampleRate, AudioFrame.SampleRate);
        var output = new float[resampler.GetMaxOutputLength(input.Length) + resampler.GetMaxOutputLength(0)];
        var count = resampler.Process(input, output);
        count += resampler.Flush(output.AsSpan(count));
        return output[..count];
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
