using LiveStt.Appliance.Captions;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Transcripts;

/// <summary>
/// A session's committed lines as its transcript holds them: the file, and, while the session's transcript is open,
/// the lines still waiting for the disk (a full disk, or a write not yet made), so that every line committed before a
/// read is in it unless the transcript had to drop it. Reads go one file at a time, a few at once, so a room of
/// phones reconnecting together cannot take the box's processors from the captions.
/// </summary>
internal sealed class TranscriptHistory(IOptions<TranscriptOptions> options, OpenTranscripts open) : ICaptionHistory, IDisposable
{
    /// <summary>Transcript reads at once; more wait their turn.</summary>
    private const int ConcurrentReads = 2;

    private readonly string? directory = string.IsNullOrWhiteSpace(options.Value.Directory) ? null : options.Value.Directory;
    private readonly SemaphoreSlim reads = new(ConcurrentReads, ConcurrentReads);

    public ValueTask<CaptionHistoryPage> AfterAsync(string sessionId, long afterSeq, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return ReadAsync(sessionId, lines => Newest(lines.Where(line => line.Seq > afterSeq), max), cancellationToken);
    }

    public ValueTask<CaptionHistoryPage> BeforeAsync(string sessionId, long beforeSeq, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return ReadAsync(sessionId, lines => Newest(lines.TakeWhile(line => line.Seq < beforeSeq), count), cancellationToken);
    }

    public void Dispose() => reads.Dispose();

    /// <summary>The last <paramref name="max"/> of <paramref name="lines"/>, and whether any came before them.</summary>
    private static (List<TranscriptLineRecord> Lines, bool More) Newest(IEnumerable<TranscriptLineRecord> lines, int max)
    {
        var kept = new Queue<TranscriptLineRecord>(Math.Min(max, 256));
        var more = false;
        foreach (var line in lines)
        {
            if (kept.Count == max)
            {
                kept.Dequeue();
                more = true;
            }

            kept.Enqueue(line);
        }

        return ([.. kept], more);
    }

    private async ValueTask<CaptionHistoryPage> ReadAsync(
        string sessionId, Func<IEnumerable<TranscriptLineRecord>, (List<TranscriptLineRecord> Lines, bool More)> pick, CancellationToken cancellationToken)
    {
        if (directory is null || !TranscriptFormat.IsSessionId(sessionId))
        {
            return CaptionHistoryPage.Empty;
        }

        await reads.WaitAsync(cancellationToken);
        try
        {
            var (lines, more) = await Task.Run(() => pick(Lines(sessionId)), cancellationToken);
            return new CaptionHistoryPage(
                [.. lines.Select(line => new CaptionEvent(sessionId, line.Seq, CaptionKind.Committed, line.Text, line.StartMs, line.EndMs))],
                more);
        }
        finally
        {
            reads.Release();
        }
    }

    /// <summary>Every kept line of the session, in seq order: the file's, then those waiting for the disk.</summary>
    private IEnumerable<TranscriptLineRecord> Lines(string sessionId)
    {
        // Waiting lines first: one written while the file is read is then in both, and is taken once, by its seq.
        var waiting = open.Find(sessionId)?.PendingLines() ?? [];
        var last = long.MinValue;
        if (TranscriptFolder.FileOf(directory, sessionId) is { } file)
        {
            IEnumerable<TranscriptLineRecord> written;
            try
            {
                written = TranscriptReader.ReadLines(file.FullName);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                // Deleted since it was listed: nothing of it is kept any more.
                written = [];
            }

            foreach (var line in written)
            {
                last = line.Seq;
                yield return line;
            }
        }

        foreach (var line in waiting)
        {
            if (line.Seq > last)
            {
                yield return line;
            }
        }
    }
}
