using LiveStt.Interop.Posix;

namespace LiveStt.Appliance.Transcripts;

/// <summary>
/// Writes one session's transcript file (<see cref="TranscriptFormat"/>): every record is written and flushed through
/// to the disk on its own, and the folder is synced when the file is created, so a crash, kill -9 or power cut loses at
/// most the record being written. A write that fails part-way (a full disk) is taken back, so the file only ever holds
/// whole records and the same record can be written again later.
/// </summary>
internal sealed class TranscriptWriter : IDisposable
{
    private readonly FileStream file;

    /// <summary>Bytes of whole records in the file: where the next record goes.</summary>
    private long length;

    private TranscriptWriter(FileStream file, string path, long length)
    {
        this.file = file;
        Path = path;
        this.length = length;
    }

    public string Path { get; }

    /// <summary>
    /// Creates the session's empty file in <paramref name="directory"/> (made if missing); its first record should be
    /// <see cref="TranscriptRecord.Session"/>.
    /// </summary>
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
        try
        {
            DurableDirectory.Sync(directory);
            return new TranscriptWriter(file, path, 0);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing transcript to go on with it after its last whole record, at <paramref name="completeLength"/>:
    /// a record cut short when the appliance was killed is removed first, so the next one starts on a line of its own.
    /// </summary>
    public static TranscriptWriter Reopen(string path, long completeLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(completeLength);
        var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.None);
        try
        {
            if (file.Length != completeLength)
            {
                file.SetLength(completeLength);
                file.Flush(flushToDisk: true);
            }

            return new TranscriptWriter(file, path, completeLength);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends <paramref name="record"/> and flushes it to the disk; on failure the file is as it was before.</summary>
    /// <exception cref="IOException">The record could not be written (the disk is full, a device error).</exception>
    public void Write(TranscriptRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            if (file.Length != length)
            {
                // What an earlier failed write left behind.
                file.SetLength(length);
            }

            file.Position = length;
            file.Write(record.Bytes);
            file.Flush(flushToDisk: true);
            length += record.Bytes.Length;
        }
        catch (IOException)
        {
            TakeBackPartialWrite();
            throw;
        }
    }

    /// <summary>
    /// Marks the file as written to now, without writing: while a session is open but quiet (a long pause, music), a
    /// restart can still tell it was alive a moment ago.
    /// </summary>
    public void Touch(DateTimeOffset now) => File.SetLastWriteTimeUtc(file.SafeFileHandle, now.UtcDateTime);

    public void Dispose() => file.Dispose();

    private void TakeBackPartialWrite()
    {
        try
        {
            file.SetLength(length);
        }
        catch (IOException)
        {
            // Tried again before the next write.
        }
    }
}
