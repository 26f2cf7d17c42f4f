using System.Globalization;
using System.Text;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// The session's committed captions on disk, one line each, written and flushed through to the disk one
/// line at a time, so a crash or kill -9 loses at most the line being written.
/// </summary>
internal sealed class TranscriptWriter : IDisposable
{
    private readonly FileStream file;

    private TranscriptWriter(FileStream file, string path)
    {
        this.file = file;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Creates <c>&lt;yyyyMMdd-HHmmss&gt;-&lt;sessionId&gt;.txt</c> in <paramref name="directory"/> (made if missing).</summary>
    public static TranscriptWriter Create(string directory, string sessionId, DateTimeOffset startedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var name = string.Create(CultureInfo.InvariantCulture, $"{startedAt.UtcDateTime:yyyyMMdd-HHmmss}-{sessionId}.txt");
        var path = System.IO.Path.Combine(directory, name);
        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.None);
        return new TranscriptWriter(file, path);
    }

    /// <summary>Appends <c>2025-06-01T12:00:03Z [00:01:02.300-00:01:05.000] text</c> and flushes it to disk.</summary>
    public void AppendLine(DateTimeOffset committedAt, long startMs, long endMs, string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // One caption, one line: stray line breaks in decoded text would split it.
        var flat = text.ReplaceLineEndings(" ");
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{committedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} [{Clock(startMs)}-{Clock(endMs)}] {flat}\n");
        file.Write(Encoding.UTF8.GetBytes(line));
        file.Flush(flushToDisk: true);
    }

    public void Dispose() => file.Dispose();

    private static string Clock(long milliseconds)
    {
        var time = TimeSpan.FromMilliseconds(milliseconds);
        return string.Create(CultureInfo.InvariantCulture, $"{(long)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}.{time.Milliseconds:000}");
    }
}
