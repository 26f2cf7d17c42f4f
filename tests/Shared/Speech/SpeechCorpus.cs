using System.Text.Json;
using Xunit;

namespace LiveStt.Tests.Speech;

/// <summary>
/// The shared folder of real recorded speech, read in place and never copied into the repository.
/// Found through LIVESTT_SPEECH_DIR (the native test container mounts it there), or ../shared/speech
/// beside the repository root. Missing: the test is skipped on a developer machine and fails under
/// CI=true, so CI cannot pass without the real audio.
/// </summary>
internal static class SpeechCorpus
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

    /// <summary>Every clip in the manifest, in its order, with <see cref="SpeechClip.FullPath"/> filled in.</summary>
    public static IReadOnlyList<SpeechClip> Clips()
    {
        var directory = RequireDirectory();
        return File.ReadLines(Path.Combine(directory, "manifest.jsonl"))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<SpeechClip>(line) ?? throw new InvalidDataException($"Bad manifest line: {line}"))
            .Select(clip => clip with { FullPath = Path.Combine(directory, clip.Audio) })
            .ToList();
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
