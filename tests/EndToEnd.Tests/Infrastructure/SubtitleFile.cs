using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>A downloaded subtitle file as ffmpeg reads it: its format by ffprobe, and its cues as ffmpeg writes them back.</summary>
internal static partial class SubtitleFile
{
    /// <summary>The codec ffprobe finds in the file: subrip for SRT, webvtt for WebVTT.</summary>
    public static async Task<string> ProbeCodecAsync(string path) =>
        (await ExternalTool.RunAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", path)).Trim();

    /// <summary>
    /// Reads <paramref name="path"/> with ffmpeg and takes its cues from the SRT ffmpeg writes of it, so it is ffmpeg's
    /// reading of the file that is checked. ffmpeg must read it without a complaint.
    /// </summary>
    public static async Task<IReadOnlyList<Cue>> ReadWithFfmpegAsync(string path)
    {
        var (code, stdout, stderr) = await ExternalTool.ExecAsync("ffmpeg", ["-hide_banner", "-nostdin", "-v", "warning", "-i", path, "-f", "srt", "-"], TimeSpan.FromMinutes(1));
        code.ShouldBe(0, stderr);
        stderr.Trim().ShouldBeEmpty();
        var cues = new List<Cue>();
        foreach (var block in stdout.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var rows = block.Split('\n');
            var times = CueTimes().Match(rows[1]);
            times.Success.ShouldBeTrue(block);
            cues.Add(new Cue(Milliseconds(times.Groups[1].Value), Milliseconds(times.Groups[2].Value), string.Join('\n', rows.Skip(2))));
        }

        return cues;
    }

    private static long Milliseconds(string clock)
    {
        var parts = clock.Split(':', ',');
        return ((long.Parse(parts[0], CultureInfo.InvariantCulture) * 60 + long.Parse(parts[1], CultureInfo.InvariantCulture)) * 60
            + long.Parse(parts[2], CultureInfo.InvariantCulture)) * 1000 + long.Parse(parts[3], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(\d+:\d\d:\d\d,\d{3}) --> (\d+:\d\d:\d\d,\d{3})$")]
    private static partial Regex CueTimes();

    /// <summary>One cue: shown from <see cref="StartMs"/> to <see cref="EndMs"/>, its rows joined by a newline.</summary>
    internal sealed record Cue(long StartMs, long EndMs, string Text);
}
