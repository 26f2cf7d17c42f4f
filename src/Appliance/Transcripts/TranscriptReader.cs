using System.Text.Json;

namespace LiveStt.Appliance.Transcripts;

/// <summary>
/// Reads a transcript (<see cref="TranscriptFormat"/>). A record that does not parse (the last one, cut short by a
/// kill) is skipped, so everything committed before it is still read.
/// </summary>
internal static class TranscriptReader
{
    /// <summary>The transcript at <paramref name="path"/>, or null when it has no session record.</summary>
    public static TranscriptDocument? Read(string path)
    {
        string? id = null;
        DateTimeOffset startedAt = default;
        DateTimeOffset? endedAt = null;
        string? endReason = null;
        var lines = new List<TranscriptLineRecord>();
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        while (reader.ReadLine() is { } text)
        {
            if (!TryParse(text, out var record))
            {
                continue;
            }

            using (record)
            {
                var root = record.RootElement;
                switch (Text(root, "type"))
                {
                    case TranscriptFormat.SessionRecord when Text(root, "sessionId") is { } sessionId && Time(root, "startedAt") is { } started:
                        id = sessionId;
                        startedAt = started;
                        break;
                    case TranscriptFormat.LineRecord when Line(root) is { } line:
                        lines.Add(line);
                        break;
                    case TranscriptFormat.EndedRecord:
                        endedAt = Time(root, "at");
                        endReason = Text(root, "reason");
                        break;
                    case TranscriptFormat.RestartedRecord:
                        // The session went on after the appliance came back: an end written at its shutdown no longer holds.
                        endedAt = null;
                        endReason = null;
                        break;
                }
            }
        }

        return id is null ? null : new TranscriptDocument(id, startedAt, endedAt, endReason, lines);
    }

    /// <summary>
    /// The committed lines of the transcript at <paramref name="path"/>, in the file's order (seq order), read as they
    /// are asked for: a reader looking for a few lines holds no more of a long session than it keeps.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file (at the call, not at the first line).</exception>
    public static IEnumerable<TranscriptLineRecord> ReadLines(string path) =>
        ReadLines(new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete)));

    private static IEnumerable<TranscriptLineRecord> ReadLines(StreamReader file)
    {
        using var reader = file;
        while (reader.ReadLine() is { } text)
        {
            if (!TryParse(text, out var record))
            {
                continue;
            }

            TranscriptLineRecord? line;
            using (record)
            {
                line = Text(record.RootElement, "type") == TranscriptFormat.LineRecord ? Line(record.RootElement) : null;
            }

            if (line is not null)
            {
                yield return line;
            }
        }
    }

    internal static bool TryParse(string text, out JsonDocument record)
    {
        try
        {
            record = JsonDocument.Parse(text);
            if (record.RootElement.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            record.Dispose();
            return false;
        }
        catch (JsonException)
        {
            record = null!;
            return false;
        }
    }

    internal static TranscriptLineRecord? Line(JsonElement root) =>
        Number(root, "seq") is { } seq && Number(root, "startMs") is { } startMs && Number(root, "endMs") is { } endMs
            && Time(root, "committedAt") is { } committedAt && Text(root, "text") is { } text
            ? new TranscriptLineRecord(seq, startMs, endMs, committedAt, text)
            : null;

    internal static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static long? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    internal static DateTimeOffset? Time(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time) ? time : null;
}
