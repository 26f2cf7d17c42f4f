using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LiveStt.Appliance.Transcripts;

/// <summary>
/// One record of a transcript (<see cref="TranscriptFormat"/>), made ready to write: its JSON and the newline that
/// ends it. Made before it is written, so a record that has to wait (a full disk) waits exactly as it will be written.
/// </summary>
internal sealed class TranscriptRecord
{
    /// <summary>Text stays readable in the file (é, not \u00e9); control characters, line breaks among them, are still escaped.</summary>
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private TranscriptRecord(byte[] bytes, TranscriptLineRecord? line)
    {
        Bytes = bytes;
        CommittedLine = line;
    }

    /// <summary>The record's JSON and its newline.</summary>
    public byte[] Bytes { get; }

    /// <summary>Whether it is a committed line (what a reader counts), rather than a record of the session's life.</summary>
    public bool IsLine => CommittedLine is not null;

    /// <summary>The committed line it holds; null for a record of the session's life.</summary>
    public TranscriptLineRecord? CommittedLine { get; }

    public static TranscriptRecord Session(string sessionId, DateTimeOffset startedAt) => Make(null, json =>
    {
        json.WriteString("type", TranscriptFormat.SessionRecord);
        json.WriteString("sessionId", sessionId);
        json.WriteString("startedAt", startedAt.ToUniversalTime());
    });

    public static TranscriptRecord Line(long seq, DateTimeOffset committedAt, long startMs, long endMs, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Make(new TranscriptLineRecord(seq, startMs, endMs, committedAt, text), json =>
        {
            json.WriteString("type", TranscriptFormat.LineRecord);
            json.WriteNumber("seq", seq);
            json.WriteNumber("startMs", startMs);
            json.WriteNumber("endMs", endMs);
            json.WriteString("committedAt", committedAt.ToUniversalTime());
            json.WriteString("text", text);
        });
    }

    /// <summary>A pause or a resume, at <paramref name="sessionMs"/> into the session.</summary>
    public static TranscriptRecord Pause(bool paused, DateTimeOffset at, long sessionMs) => Make(null, json =>
    {
        json.WriteString("type", paused ? TranscriptFormat.PausedRecord : TranscriptFormat.ResumedRecord);
        json.WriteString("at", at.ToUniversalTime());
        json.WriteNumber("sessionMs", sessionMs);
    });

    /// <summary>The appliance came back after it was cut off (a crash, a kill, a power cut, a restart) and goes on with the session.</summary>
    public static TranscriptRecord Restarted(DateTimeOffset at, long sessionMs) => Make(null, json =>
    {
        json.WriteString("type", TranscriptFormat.RestartedRecord);
        json.WriteString("at", at.ToUniversalTime());
        json.WriteNumber("sessionMs", sessionMs);
    });

    /// <summary>Where <paramref name="lines"/> committed lines (and <paramref name="records"/> records in all) could not be kept.</summary>
    public static TranscriptRecord Gap(DateTimeOffset at, long lines, long records) => Make(null, json =>
    {
        json.WriteString("type", TranscriptFormat.GapRecord);
        json.WriteString("at", at.ToUniversalTime());
        json.WriteNumber("lines", lines);
        json.WriteNumber("records", records);
    });

    /// <summary>The session's end and why (one of the <c>End…</c> reasons of <see cref="TranscriptFormat"/>).</summary>
    public static TranscriptRecord End(DateTimeOffset at, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return Make(null, json =>
        {
            json.WriteString("type", TranscriptFormat.EndedRecord);
            json.WriteString("at", at.ToUniversalTime());
            json.WriteString("reason", reason);
        });
    }

    private static TranscriptRecord Make(TranscriptLineRecord? line, Action<Utf8JsonWriter> properties)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            properties(json);
            json.WriteEndObject();
        }

        // One record, one line: Utf8JsonWriter escapes line breaks inside strings, so the only newline is this one.
        buffer.Write("\n"u8);
        return new TranscriptRecord(buffer.WrittenSpan.ToArray(), line);
    }
}
