using LiveStt.Appliance.Captions;

namespace LiveStt.Appliance.Tests.Captions;

/// <summary>
/// A caption history whose reads take their lines when they start and can be held open while a test publishes more,
/// so the broadcaster's handling of what is committed during a read can be seen. Nothing in it touches a disk.
/// </summary>
internal sealed class ScriptedHistory : ICaptionHistory
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<CaptionEvent>> kept = new(StringComparer.Ordinal);
    private int reads;

    /// <summary>Runs during each read, after its lines were taken (the read's number, from 1).</summary>
    public Func<int, Task>? DuringRead { get; set; }

    /// <summary>Thrown by every read, when set.</summary>
    public Exception? Failure { get; set; }

    public int Reads => Volatile.Read(ref reads);

    public void Keep(CaptionEvent line)
    {
        lock (gate)
        {
            if (!kept.TryGetValue(line.SessionId, out var lines))
            {
                kept[line.SessionId] = lines = [];
            }

            lines.Add(line);
        }
    }

    public async ValueTask<CaptionHistoryPage> AfterAsync(string sessionId, long afterSeq, int max, CancellationToken cancellationToken)
    {
        var read = Interlocked.Increment(ref reads);
        if (Failure is not null)
        {
            throw Failure;
        }

        List<CaptionEvent> lines;
        lock (gate)
        {
            lines = kept.TryGetValue(sessionId, out var all) ? [.. all.Where(line => line.Seq > afterSeq)] : [];
        }

        if (DuringRead is { } during)
        {
            await during(read);
        }

        return new CaptionHistoryPage([.. lines.Skip(Math.Max(0, lines.Count - max))], lines.Count > max);
    }

    public ValueTask<CaptionHistoryPage> BeforeAsync(string sessionId, long beforeSeq, int count, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the broadcaster never pages back");
}
