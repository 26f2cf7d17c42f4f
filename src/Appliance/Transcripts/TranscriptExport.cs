using System.Globalization;
using System.Text;

namespace LiveStt.Appliance.Transcripts;

/// <summary>
/// A transcript as a file to download: plain text, SubRip (SRT), WebVTT or JSON. Subtitle times count from the
/// session's start; cues come in order and never overlap, and a long line is wrapped into rows of at most
/// <see cref="MaxRowLength"/> characters, <see cref="MaxRows"/> rows a cue, its time shared out by length.
/// </summary>
internal static class TranscriptExport
{
    /// <summary>The longest row the common subtitle guidelines allow for reading comfortably.</summary>
    public const int MaxRowLength = 42;

    public const int MaxRows = 2;

    /// <summary>How long a cue whose line has no length in time is shown.</summary>
    private const long MinimumCueMs = 1000;

    public static string ToText(TranscriptDocument transcript)
    {
        var text = new StringBuilder();
        foreach (var line in transcript.Lines)
        {
            text.Append('[').Append(Clock(line.StartMs, includeMs: false, ',')).Append("] ").Append(line.Text.Trim()).Append('\n');
        }

        return text.ToString();
    }

    public static string ToSrt(TranscriptDocument transcript)
    {
        var text = new StringBuilder();
        var number = 0;
        foreach (var cue in Cues(transcript))
        {
            text.Append(++number).Append('\n')
                .Append(Clock(cue.StartMs, includeMs: true, ',')).Append(" --> ").Append(Clock(cue.EndMs, includeMs: true, ',')).Append('\n');
            AppendRows(text, cue);
        }

        return text.ToString();
    }

    public static string ToVtt(TranscriptDocument transcript)
    {
        var text = new StringBuilder("WEBVTT\n\n");
        foreach (var cue in Cues(transcript))
        {
            text.Append(Clock(cue.StartMs, includeMs: true, '.')).Append(" --> ").Append(Clock(cue.EndMs, includeMs: true, '.')).Append('\n');
            AppendRows(text, cue);
        }

        return text.ToString();
    }

    /// <summary>The transcript's lines as cues, in order of start and never overlapping.</summary>
    public static IReadOnlyList<SubtitleCue> Cues(TranscriptDocument transcript)
    {
        var cues = new List<SubtitleCue>();
        long previousEnd = 0;
        foreach (var line in transcript.Lines.OrderBy(line => line.StartMs).ThenBy(line => line.Seq))
        {
            var rows = Wrap(line.Text.Trim());
            if (rows.Count == 0)
            {
                continue;
            }

            var start = Math.Max(line.StartMs, previousEnd);
            var end = Math.Max(line.EndMs, start + MinimumCueMs);
            var totalChars = rows.Sum(row => row.Length);
            var charsBefore = 0;
            for (var first = 0; first < rows.Count; first += MaxRows)
            {
                var chunk = rows.Skip(first).Take(MaxRows).ToList();
                var chunkStart = start + (end - start) * charsBefore / totalChars;
                charsBefore += chunk.Sum(row => row.Length);
                var chunkEnd = start + (end - start) * charsBefore / totalChars;
                cues.Add(new SubtitleCue(chunkStart, chunkEnd, chunk));
            }

            previousEnd = end;
        }

        return cues;
    }

    /// <summary>Words into rows of at most <see cref="MaxRowLength"/> characters; a longer word is cut.</summary>
    public static IReadOnlyList<string> Wrap(string text)
    {
        var rows = new List<string>();
        var row = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            if (row.Length > 0 && row.Length + 1 + rest.Length > MaxRowLength)
            {
                rows.Add(row.ToString());
                row.Clear();
            }

            while (rest.Length > MaxRowLength)
            {
                rows.Add(rest[..MaxRowLength]);
                rest = rest[MaxRowLength..];
            }

            row.Append(row.Length > 0 ? " " : string.Empty).Append(rest);
        }

        if (row.Length > 0)
        {
            rows.Add(row.ToString());
        }

        return rows;
    }

    private static void AppendRows(StringBuilder text, SubtitleCue cue)
    {
        foreach (var row in cue.Rows)
        {
            // A blank row would end the cue early in both formats, and "-->" would start a new one.
            text.Append(row.Replace("-->", "->", StringComparison.Ordinal)).Append('\n');
        }

        text.Append('\n');
    }

    private static string Clock(long ms, bool includeMs, char separator)
    {
        var time = TimeSpan.FromMilliseconds(Math.Max(0, ms));
        var clock = string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}");
        return includeMs ? string.Create(CultureInfo.InvariantCulture, $"{clock}{separator}{time.Milliseconds:000}") : clock;
    }
}
