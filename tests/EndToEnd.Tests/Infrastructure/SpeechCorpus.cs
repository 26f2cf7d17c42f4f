using System.Text.Json;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>The shared corpus of recorded speech (read in place, never copied into the project).</summary>
internal static class SpeechCorpus
{
    /// <summary>The corpus folder; a missing folder fails under CI and skips elsewhere.</summary>
    public static string RequireDirectory()
    {
        var dir = TestEnvironment.SpeechDirectory;
        if (File.Exists(Path.Combine(dir, "manifest.jsonl")))
        {
            return dir;
        }

        var message = $"speech corpus not found at {dir} (set LIVESTT_SPEECH_DIR)";
        if (TestEnvironment.IsCi)
        {
            throw new InvalidOperationException(message);
        }

        Assert.Skip(message);
        return dir;
    }

    /// <summary>Relative path of the first clip of a set at a sample rate, from the manifest.</summary>
    public static string FirstClip(string corpusDirectory, string set, int sampleRate)
    {
        foreach (var line in File.ReadLines(Path.Combine(corpusDirectory, "manifest.jsonl")))
        {
            using var entry = JsonDocument.Parse(line);
            if (entry.RootElement.GetProperty("set").GetString() == set
                && entry.RootElement.GetProperty("sample_rate").GetInt32() == sampleRate)
            {
                return entry.RootElement.GetProperty("audio").GetString()!;
            }
        }

        throw new InvalidOperationException($"no clip of set {set} in the speech manifest");
    }
}
