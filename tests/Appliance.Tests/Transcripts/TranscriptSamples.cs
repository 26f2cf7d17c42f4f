using LiveStt.Appliance.Transcripts;

namespace LiveStt.Appliance.Tests.Transcripts;

/// <summary>Transcripts written by the appliance's own writer, as a session leaves them.</summary>
internal static class TranscriptSamples
{
    public static readonly DateTimeOffset StartedAt = new(2026, 12, 6, 9, 58, 1, 123, TimeSpan.Zero);

    /// <summary>Writes session <paramref name="id"/> with <paramref name="lines"/> (start, end, text); ends it unless told not to.</summary>
    public static string Write(string directory, string id, IEnumerable<(long StartMs, long EndMs, string Text)> lines, bool ended = true, DateTimeOffset? startedAt = null)
    {
        var start = startedAt ?? StartedAt;
        using var writer = TranscriptWriter.Create(directory, id, start);
        writer.Write(TranscriptRecord.Session(id, start));
        var seq = 0;
        foreach (var (startMs, endMs, text) in lines)
        {
            writer.Write(TranscriptRecord.Line(++seq, start.AddMilliseconds(endMs + 900), startMs, endMs, text));
        }

        if (ended)
        {
            writer.Write(TranscriptRecord.End(start.AddMinutes(3), TranscriptFormat.EndStopped));
        }

        return writer.Path;
    }

    public static TranscriptDocument Document(params (long StartMs, long EndMs, string Text)[] lines) =>
        new("1a2b3c4d", StartedAt, StartedAt.AddMinutes(3), TranscriptFormat.EndStopped,
            lines.Select((line, i) => new TranscriptLineRecord(i + 1, line.StartMs, line.EndMs, StartedAt.AddMilliseconds(line.EndMs), line.Text)).ToList());
}
