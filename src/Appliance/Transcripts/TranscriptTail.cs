using System.Text;

namespace LiveStt.Appliance.Transcripts;

/// <summary>
/// A transcript read for going on with its session after the appliance was cut off: its committed lines, the last
/// seq, when it was last alive, whether it was paused or ended, and where its last whole record ends.
/// </summary>
/// <param name="LastSeq">The seq of the last committed line; 0 before the first.</param>
/// <param name="LastActiveAt">The later of its newest record's time and the file's last-write time (kept fresh while a session is open).</param>
/// <param name="Paused">Whether the session was paused when it was cut off.</param>
/// <param name="EndReason">Why it ended, when its last word is an <c>ended</c> record; null when it was cut off.</param>
/// <param name="CompleteLength">Bytes of whole records: a record cut short by a kill starts here.</param>
/// <param name="TornBytes">Bytes after <paramref name="CompleteLength"/>: a record cut short, or 0.</param>
internal sealed record TranscriptTail(
    string Path,
    string SessionId,
    DateTimeOffset StartedAt,
    IReadOnlyList<TranscriptLineRecord> Lines,
    long LastSeq,
    DateTimeOffset LastActiveAt,
    bool Paused,
    string? EndReason,
    long CompleteLength,
    long TornBytes)
{
    /// <summary>The transcript at <paramref name="path"/>; null when it has no whole session record.</summary>
    public static TranscriptTail? Read(string path)
    {
        byte[] bytes;
        DateTimeOffset lastWrite;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
            lastWrite = File.GetLastWriteTimeUtc(file.SafeFileHandle);
        }

        var completeLength = bytes.AsSpan().LastIndexOf((byte)'\n') + 1;
        string? id = null;
        DateTimeOffset startedAt = default;
        var lastActive = lastWrite;
        var paused = false;
        string? endReason = null;
        var lines = new List<TranscriptLineRecord>();
        var start = 0;
        while (start < completeLength)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var text = Encoding.UTF8.GetString(bytes, start, end - start);
            start = end + 1;
            if (!TranscriptReader.TryParse(text, out var record))
            {
                continue;
            }

            using (record)
            {
                var root = record.RootElement;
                var at = TranscriptReader.Time(root, "at");
                switch (TranscriptReader.Text(root, "type"))
                {
                    case TranscriptFormat.SessionRecord when id is null && TranscriptReader.Text(root, "sessionId") is { } sessionId && TranscriptReader.Time(root, "startedAt") is { } started:
                        id = sessionId;
                        startedAt = started;
                        at = started;
                        break;
                    case TranscriptFormat.LineRecord when TranscriptReader.Line(root) is { } line:
                        lines.Add(line);
                        at = line.CommittedAt;
                        endReason = null;
                        break;
                    case TranscriptFormat.PausedRecord:
                        paused = true;
                        break;
                    case TranscriptFormat.ResumedRecord:
                        paused = false;
                        break;
                    case TranscriptFormat.RestartedRecord:
                        endReason = null;
                        break;
                    case TranscriptFormat.EndedRecord:
                        endReason = TranscriptReader.Text(root, "reason") ?? "";
                        break;
                }

                if (at is { } time && time > lastActive)
                {
                    lastActive = time;
                }
            }
        }

        return id is null
            ? null
            : new TranscriptTail(path, id, startedAt, lines, lines.Count == 0 ? 0 : lines.Max(line => line.Seq), lastActive, paused, endReason, completeLength, bytes.Length - completeLength);
    }
}
