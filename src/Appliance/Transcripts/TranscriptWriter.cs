using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using LiveStt.Interop.Posix;

namespace LiveStt.Appliance.Transcripts;

/// <summary>
/// Writes one session's transcript (<see cref="TranscriptFormat"/>): every record is written and flushed through to
/// the disk on its own, and the folder is synced when the file is created, so a crash, kill -9 or power cut loses at
/// most the record being written.
/// </summary>
internal sealed class TranscriptWriter : IDisposable
{
    /// <summary>Text stays readable in the file (é, not \u00e9); control characters, line breaks among them, are still escaped.</summary>
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FileStream file;
    private readonly ArrayBufferWriter<byte> buffer = new(512);

    private TranscriptWriter(FileStream file, string path)
    {
        this.file = file;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Creates the session's file in <paramref name="directory"/> (made if missing) and writes its <c>session</c> line.</summary>
    public static TranscriptWriter Create(string directory, string sessionId, DateTimeOffset startedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!TranscriptFormat.IsSessionId(sessionId))
        {
            throw new ArgumentException($"'{sessionId}' is not a session id.", nameof(sessionId));
        }

        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, TranscriptFormat.FileName(sessionId, startedAt));
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.None);
        var writer = new TranscriptWriter(file, path);
        try
        {
            writer.Write(json =>
            {
                json.WriteString("type", TranscriptFormat.SessionRecord);
                json.WriteString("sessionId", sessionId);
                json.WriteString("startedAt", startedAt.ToUniversalTime());
            });
            DurableDirectory.Sync(directory);
            return writer;
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Appends a committed line.</summary>
    public void AppendLine(long seq, DateTimeOffset committedAt, long startMs, long endMs, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(json =>
        {
            json.WriteString("type", TranscriptFormat.LineRecord);
            json.WriteNumber("seq", seq);
            json.WriteNumber("startMs", startMs);
            json.WriteNumber("endMs", endMs);
            json.WriteString("committedAt", committedAt.ToUniversalTime());
            json.WriteString("text", text);
        });
    }

    /// <summary>Appends a pause or a resume, at <paramref name="sessionMs"/> into the session.</summary>
    public void AppendPause(bool paused, DateTimeOffset at, long sessionMs) => Write(json =>
    {
        json.WriteString("type", paused ? TranscriptFormat.PausedRecord : TranscriptFormat.ResumedRecord);
        json.WriteString("at", at.ToUniversalTime());
        json.WriteNumber("sessionMs", sessionMs);
    });

    /// <summary>Appends the session's end and why (one of the <c>End…</c> reasons of <see cref="TranscriptFormat"/>).</summary>
    public void AppendEnd(DateTimeOffset at, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        Write(json =>
        {
            json.WriteString("type", TranscriptFormat.EndedRecord);
            json.WriteString("at", at.ToUniversalTime());
            json.WriteString("reason", reason);
        });
    }

    public void Dispose() => file.Dispose();

    private void Write(Action<Utf8JsonWriter> properties)
    {
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            properties(json);
            json.WriteEndObject();
        }

        // One record, one line: Utf8JsonWriter escapes line breaks inside strings, so the only newline is this one.
        buffer.Write("\n"u8);
        file.Write(buffer.WrittenSpan);
        file.Flush(flushToDisk: true);
    }
}
