using System.Diagnostics;
using System.Text.Json;
using LiveStt.ModelGenerator;
using LiveStt.Tests.Speech;

namespace LiveStt.Appliance.Tests.Audio;

/// <summary>
/// What the live-input tests share: a folder, a generated micro model (marked as a demo model, so each window is
/// decoded once), real speech from the shared corpus, and ffmpeg (Debian's) to convert it and to send it.
/// </summary>
public sealed class LiveInputFixture : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("livestt-live-input-");
    private readonly Lazy<string> model;

    public LiveInputFixture()
    {
        model = new(() => RandomWhisperModel.Write(Path.Combine(folder.FullName, "ggml-micro.bin"), WhisperModelShape.Micro, seed: 3).FullName);
    }

    public string Folder => folder.FullName;

    /// <summary>J. F. Kennedy's 11 s, which has pauses for commits.</summary>
    public static string Speech => SpeechCorpus.Clips().Single(clip => clip.Audio == "jfk/jfk.wav").FullPath;

    /// <summary>The appliance's settings for a test: the generated model, a transcript folder of the test's own, and <paramref name="settings"/>.</summary>
    public Dictionary<string, string> Settings(params (string Name, string Value)[] settings)
    {
        var run = Directory.CreateDirectory(Path.Combine(folder.FullName, Guid.NewGuid().ToString("N")[..8]));
        var all = new Dictionary<string, string>
        {
            ["Models__Path"] = model.Value,
            ["Models__CacheDirectory"] = Path.Combine(run.FullName, "models"),
            ["Transcripts__Directory"] = Path.Combine(run.FullName, "transcripts"),

            // The random-weight model loops ("pior pior pior"); the guards would refuse every line, and these tests
            // are about the input, not the text.
            ["Guards__RepetitionEnabled"] = "false",
            ["Guards__CompressionEnabled"] = "false",
            ["Guards__NoSpeechEnabled"] = "false",
        };
        foreach (var (name, value) in settings)
        {
            all[name] = value;
        }

        return all;
    }

    /// <summary>The committed lines of the transcripts written under <paramref name="settings"/>, and their text alone.</summary>
    public static (List<TranscriptLine> Lines, List<string> Texts) Transcripts(IReadOnlyDictionary<string, string> settings)
    {
        var folder = settings["Transcripts__Directory"];
        List<TranscriptLine> lines = Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines).Select(Parse).OfType<TranscriptLine>()]
            : [];
        return (lines, [.. lines.Select(line => line.Text)]);
    }

    /// <summary>Runs ffmpeg to the end and returns <paramref name="output"/>; fails with ffmpeg's message.</summary>
    public static string Convert(string output, params string[] arguments)
    {
        using var ffmpeg = Ffmpeg(["-y", .. arguments, output]);
        var errors = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        ffmpeg.ExitCode.ShouldBe(0, errors);
        return output;
    }

    /// <summary>Starts ffmpeg with <paramref name="arguments"/>, standard error redirected.</summary>
    public static Process Ffmpeg(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in (string[])["-hide_banner", "-nostdin", "-loglevel", "error", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
    }

    public void Dispose() => folder.Delete(recursive: true);

    private static TranscriptLine? Parse(string json)
    {
        using var record = JsonDocument.Parse(json);
        var root = record.RootElement;
        return root.GetProperty("type").GetString() == "line"
            ? new TranscriptLine(root.GetProperty("seq").GetInt64(), root.GetProperty("startMs").GetInt64(), root.GetProperty("endMs").GetInt64(), root.GetProperty("text").GetString()!)
            : null;
    }
}
