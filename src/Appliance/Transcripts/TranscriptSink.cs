namespace LiveStt.Appliance.Transcripts;

/// <summary>
/// A session's transcript as its output hands it records. Each record goes to the disk at once when it can. When it
/// cannot (the data volume is full, a write error) the records wait in memory, in order, up to
/// <see cref="TranscriptOptions.PendingRecords"/>, and are written as soon as the disk takes them again: tried before
/// each new record and every few seconds. Records beyond the bound are dropped and counted, and a <c>gap</c> record
/// marks where they were. While the session is open the file's last-write time is kept fresh, so a restart can tell
/// how recently the session was alive.
/// </summary>
internal sealed partial class TranscriptSink : IDisposable
{
    /// <summary>How often waiting records are tried again, and the file is marked alive; well within any resume window.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly Queue<TranscriptRecord> pending = new();
    private readonly TranscriptWriter writer;
    private readonly int pendingLimit;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ITimer timer;
    private long droppedLines;
    private long droppedRecords;
    private long unmarkedLines;
    private long unmarkedRecords;
    private string? error;
    private bool closed;

    public TranscriptSink(TranscriptWriter writer, int pendingLimit, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfLessThan(pendingLimit, 1);
        ArgumentNullException.ThrowIfNull(time);
        this.writer = writer;
        this.pendingLimit = pendingLimit;
        this.time = time;
        this.logger = logger;
        timer = time.CreateTimer(_ => Retry(), null, RetryInterval, RetryInterval);
    }

    public string Path => writer.Path;

    public TranscriptStatus Status
    {
        get
        {
            lock (gate)
            {
                return new TranscriptStatus(Path, error is null && pending.Count == 0, pending.Count, droppedLines, error);
            }
        }
    }

    /// <summary>Whether it was closed: nothing more is written, and nothing waits.</summary>
    public bool IsClosed
    {
        get
        {
            lock (gate)
            {
                return closed;
            }
        }
    }

    /// <summary>
    /// The committed lines waiting for the disk, oldest first: each comes after every line in the file when it is
    /// taken, so a reader that takes these first and reads the file after misses none (a line written in between is
    /// in both, with the same seq).
    /// </summary>
    public IReadOnlyList<TranscriptLineRecord> PendingLines()
    {
        lock (gate)
        {
            return [.. pending.Select(record => record.CommittedLine).OfType<TranscriptLineRecord>()];
        }
    }

    /// <summary>Writes <paramref name="record"/> after every record before it, or keeps it for later when the disk refuses.</summary>
    public void Append(TranscriptRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            // Space may be back: what waits goes first, and may leave room for this one.
            Drain();
            if (pending.Count >= pendingLimit)
            {
                if (unmarkedRecords == 0)
                {
                    Log.Dropping(logger, Path, pendingLimit);
                }

                unmarkedRecords++;
                droppedRecords++;
                if (record.IsLine)
                {
                    unmarkedLines++;
                    droppedLines++;
                }

                return;
            }

            if (unmarkedRecords > 0)
            {
                // The gap goes where the dropped records would have been; it may take the queue one past its bound.
                pending.Enqueue(TranscriptRecord.Gap(time.GetUtcNow(), unmarkedLines, unmarkedRecords));
                unmarkedLines = 0;
                unmarkedRecords = 0;
            }

            pending.Enqueue(record);
            Drain();
        }
    }

    /// <summary>
    /// Tries once more to write what waits, then closes the file; records still waiting are lost, and logged as lost.
    /// Nothing is written after it.
    /// </summary>
    public void Close()
    {
        timer.Dispose();
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            Drain();
            closed = true;
            if (pending.Count > 0 || unmarkedRecords > 0)
            {
                Log.LostAtClose(logger, Path, pending.Count(record => record.IsLine) + unmarkedLines, error ?? "");
            }

            pending.Clear();
            writer.Dispose();
        }
    }

    public void Dispose() => Close();

    private void Retry()
    {
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            if (pending.Count > 0)
            {
                Drain();
                return;
            }

            try
            {
                writer.Touch(time.GetUtcNow());
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Only the resume window's measure suffers; the next record marks the file anyway.
                Log.TouchFailed(logger, Path, ex.Message);
            }
        }
    }

    /// <summary>Writes the waiting records in order until one fails; the caller holds the lock.</summary>
    private void Drain()
    {
        var wrote = false;
        while (pending.TryPeek(out var next))
        {
            try
            {
                writer.Write(next);
                wrote = true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (error is null)
                {
                    Log.WriteFailed(logger, ex, Path, pendingLimit);
                }

                error = ex.Message;
                return;
            }

            pending.Dequeue();
        }

        if (wrote && error is not null)
        {
            error = null;
            Log.WritingAgain(logger, Path, droppedLines, droppedRecords);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1742, LogLevel.Error, "Writing the transcript {Path} failed; captions go on, and up to {Limit} records wait in memory to be written when the disk takes them again")]
        public static partial void WriteFailed(ILogger logger, Exception exception, string path, int limit);

        [LoggerMessage(1743, LogLevel.Information, "The transcript {Path} is being written again: every waiting record is on the disk; lost this session to a full queue: {DroppedLines} lines ({DroppedRecords} records in all)")]
        public static partial void WritingAgain(ILogger logger, string path, long droppedLines, long droppedRecords);

        [LoggerMessage(1744, LogLevel.Error, "{Limit} transcript records are waiting for the disk; further ones are dropped and counted until it takes them again ({Path})")]
        public static partial void Dropping(ILogger logger, string path, int limit);

        [LoggerMessage(1745, LogLevel.Error, "The transcript {Path} was closed with {Lines} committed lines never written: {Reason}")]
        public static partial void LostAtClose(ILogger logger, string path, long lines, string reason);

        [LoggerMessage(1746, LogLevel.Debug, "Marking the transcript {Path} alive failed: {Reason}")]
        public static partial void TouchFailed(ILogger logger, string path, string reason);
    }
}
