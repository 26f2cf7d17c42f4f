using System.Collections.Concurrent;
using LiveStt.Appliance.Captions;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>Keeps every caption event, in the order published.</summary>
internal sealed class RecordingPublisher : ICaptionPublisher
{
    private readonly ConcurrentQueue<CaptionEvent> events = new();
    private readonly ConcurrentQueue<SessionNotice> notices = new();
    private readonly ConcurrentQueue<object> order = new();
    private readonly ConcurrentQueue<(string, IReadOnlyList<CaptionEvent>)> restored = new();

    public IReadOnlyList<CaptionEvent> Events => [.. events];

    public IReadOnlyList<CaptionEvent> Committed => Events.Where(e => e.Kind == CaptionKind.Committed).ToList();

    /// <summary>All committed text, as a viewer would have it.</summary>
    public string CommittedText => string.Join(' ', Committed.Select(e => e.Text));

    public Action<CaptionEvent>? OnPublish { get; set; }

    /// <summary>What viewers were told of the session, in order.</summary>
    public IReadOnlyList<SessionNotice> Notices => [.. notices];

    /// <summary>Caption events and session notices together, in the order viewers got them.</summary>
    public IReadOnlyList<object> Order => [.. order];

    public ValueTask PublishAsync(CaptionEvent caption, CancellationToken cancellationToken)
    {
        events.Enqueue(caption);
        order.Enqueue(caption);
        OnPublish?.Invoke(caption);
        return ValueTask.CompletedTask;
    }

    /// <summary>Backlogs restored, with the session they were for, in order.</summary>
    public IReadOnlyList<(string SessionId, IReadOnlyList<CaptionEvent> Committed)> Restored => [.. restored];

    public ValueTask RestoreAsync(string sessionId, IReadOnlyList<CaptionEvent> committed, CancellationToken cancellationToken)
    {
        restored.Enqueue((sessionId, committed));
        return ValueTask.CompletedTask;
    }

    public ValueTask AnnounceAsync(SessionNotice notice, CancellationToken cancellationToken)
    {
        notices.Enqueue(notice);
        order.Enqueue(notice);
        return ValueTask.CompletedTask;
    }

    /// <summary>The properties every session's events must have.</summary>
    public void ShouldBeWellFormed(string sessionId)
    {
        var all = Events;
        all.Select(e => e.Seq).ShouldBe(Enumerable.Range(1, all.Count).Select(i => (long)i), "seq starts at 1 and goes up by one");
        all.ShouldAllBe(e => e.SessionId == sessionId);
        all.ShouldAllBe(e => e.EndMs >= e.StartMs);
        var committed = Committed;
        committed.ShouldAllBe(e => e.Text.Length > 0);
        for (var i = 1; i < committed.Count; i++)
        {
            committed[i].StartMs.ShouldBeGreaterThanOrEqualTo(committed[i - 1].StartMs, "committed text runs forward in time");
        }
    }
}
