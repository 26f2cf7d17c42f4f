using LiveStt.Appliance.Captions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Tests.Captions;

public sealed class CaptionBroadcasterTests : IDisposable
{
    private readonly FakeViewerSinks _hub = new();
    private readonly FakeHostLifetime _lifetime = new();

    public void Dispose() => _lifetime.Dispose();

    [Fact]
    public async Task A_viewer_gets_an_empty_backlog_then_every_event_in_order()
    {
        var broadcaster = CreateBroadcaster();
        var viewer = Connect(broadcaster, "a");

        await broadcaster.PublishAsync(Tentative("s1", 1, "hel"), TestContext.Current.CancellationToken);
        await broadcaster.PublishAsync(Committed("s1", 2, "hello"), TestContext.Current.CancellationToken);

        (await viewer.NextAsync()).ShouldBe((CaptionHub.SessionMethod, new SessionNotice(null, ViewerSessionStates.Waiting, null)));
        var backlog = await viewer.NextAsync();
        backlog.Method.ShouldBe(CaptionHub.BacklogMethod);
        backlog.Payload.ShouldBeOfType<CaptionEvent[]>().ShouldBeEmpty();
        (await viewer.NextAsync()).ShouldBe((CaptionHub.CaptionMethod, Tentative("s1", 1, "hel")));
        (await viewer.NextAsync()).ShouldBe((CaptionHub.CaptionMethod, Committed("s1", 2, "hello")));
    }

    [Fact]
    public async Task The_backlog_holds_the_latest_committed_lines_of_the_current_session_only()
    {
        var broadcaster = CreateBroadcaster(backlogLines: 3);
        await broadcaster.PublishAsync(Committed("old", 1, "from before"), TestContext.Current.CancellationToken);
        for (var seq = 1; seq <= 5; seq++)
        {
            await broadcaster.PublishAsync(Committed("s2", seq * 2, $"line {seq}"), TestContext.Current.CancellationToken);
            await broadcaster.PublishAsync(Tentative("s2", (seq * 2) + 1, "pending"), TestContext.Current.CancellationToken);
        }

        broadcaster.Backlog.Select(c => c.Seq).ShouldBe([6L, 8L, 10L]);
        broadcaster.Backlog.ShouldAllBe(c => c.SessionId == "s2" && c.Kind == CaptionKind.Committed);

        await broadcaster.PublishAsync(Tentative("s3", 1, "a new session"), TestContext.Current.CancellationToken);
        broadcaster.Backlog.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_late_joiner_gets_the_backlog_first_and_then_only_newer_events()
    {
        var broadcaster = CreateBroadcaster();
        await broadcaster.PublishAsync(Committed("s1", 1, "one"), TestContext.Current.CancellationToken);
        await broadcaster.PublishAsync(Committed("s1", 2, "two"), TestContext.Current.CancellationToken);
        await broadcaster.PublishAsync(Tentative("s1", 3, "thr"), TestContext.Current.CancellationToken);

        var late = Connect(broadcaster, "late");
        await broadcaster.PublishAsync(Committed("s1", 4, "three"), TestContext.Current.CancellationToken);

        (await late.NextAsync()).Method.ShouldBe(CaptionHub.SessionMethod);
        var backlog = await late.NextAsync();
        backlog.Method.ShouldBe(CaptionHub.BacklogMethod);
        backlog.Payload.ShouldBeOfType<CaptionEvent[]>().Select(c => c.Text).ShouldBe(["one", "two"]);
        (await late.NextAsync()).ShouldBe((CaptionHub.CaptionMethod, Committed("s1", 4, "three")));
        late.TryNext(out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Viewers_hear_of_the_session_as_it_changes_and_a_late_joiner_first_hears_where_it_stands()
    {
        var broadcaster = CreateBroadcaster();
        var early = Connect(broadcaster, "early");
        var started = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
        await broadcaster.PublishAsync(Committed("s1", 1, "from the last session"), TestContext.Current.CancellationToken);

        await broadcaster.AnnounceAsync(new SessionNotice("s2", ViewerSessionStates.Live, started), TestContext.Current.CancellationToken);
        broadcaster.Backlog.ShouldBeEmpty("a new session starts from its own lines");
        await broadcaster.PublishAsync(Committed("s2", 1, "one"), TestContext.Current.CancellationToken);
        await broadcaster.AnnounceAsync(new SessionNotice("s2", ViewerSessionStates.Paused, started), TestContext.Current.CancellationToken);
        var late = Connect(broadcaster, "late");

        (await early.NextAsync()).Method.ShouldBe(CaptionHub.SessionMethod);
        (await early.NextAsync()).Method.ShouldBe(CaptionHub.BacklogMethod);
        (await early.NextAsync()).Method.ShouldBe(CaptionHub.CaptionMethod);
        (await early.NextAsync()).ShouldBe((CaptionHub.SessionMethod, new SessionNotice("s2", ViewerSessionStates.Live, started)));
        (await early.NextAsync()).ShouldBe((CaptionHub.CaptionMethod, Committed("s2", 1, "one")));
        (await early.NextAsync()).ShouldBe((CaptionHub.SessionMethod, new SessionNotice("s2", ViewerSessionStates.Paused, started)));
        (await late.NextAsync()).ShouldBe((CaptionHub.SessionMethod, new SessionNotice("s2", ViewerSessionStates.Paused, started)));
        (await late.NextAsync()).Payload.ShouldBeOfType<CaptionEvent[]>().ShouldBe([Committed("s2", 1, "one")]);
        broadcaster.Session.State.ShouldBe(ViewerSessionStates.Paused);
    }

    [Fact]
    public async Task A_stalled_viewer_neither_blocks_publishing_nor_delays_others_and_is_disconnected()
    {
        const int capacity = 16;
        var broadcaster = CreateBroadcaster(viewerQueueCapacity: capacity);
        var stalledConnection = new FakeViewerConnection("stalled");
        _hub.Add("stalled", stalled: true);
        await broadcaster.AddViewerAsync(stalledConnection, null, TestContext.Current.CancellationToken);
        var healthy = Connect(broadcaster, "healthy");

        (await healthy.NextAsync()).Method.ShouldBe(CaptionHub.SessionMethod);
        (await healthy.NextAsync()).Method.ShouldBe(CaptionHub.BacklogMethod);
        for (var seq = 1; seq <= capacity * 4; seq++)
        {
            var publish = broadcaster.PublishAsync(Committed("s1", seq, $"line {seq}"), TestContext.Current.CancellationToken);
            publish.IsCompletedSuccessfully.ShouldBeTrue($"publishing event {seq} waited");
            var (_, payload) = await healthy.NextAsync();
            payload.ShouldBeOfType<CaptionEvent>().Seq.ShouldBe(seq);
        }

        stalledConnection.Aborts.ShouldBe(1);
        broadcaster.ViewersDisconnectedForFallingBehind.ShouldBe(1);
        healthy.TryNext(out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_removed_viewer_gets_nothing_more()
    {
        var broadcaster = CreateBroadcaster();
        var viewer = Connect(broadcaster, "gone");
        (await viewer.NextAsync()).Method.ShouldBe(CaptionHub.SessionMethod);
        (await viewer.NextAsync()).Method.ShouldBe(CaptionHub.BacklogMethod);

        await broadcaster.RemoveViewerAsync("gone");
        await broadcaster.PublishAsync(Committed("s1", 1, "after"), TestContext.Current.CancellationToken);

        broadcaster.ViewerCount.ShouldBe(0);
        viewer.TryNext(out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Removing_a_stalled_viewer_cancels_its_pending_send()
    {
        var broadcaster = CreateBroadcaster();
        var stalled = _hub.Add("stalled", stalled: true);
        await broadcaster.AddViewerAsync(new FakeViewerConnection("stalled"), null, TestContext.Current.CancellationToken);
        while (Volatile.Read(ref stalled.SendsStarted) == 0)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await broadcaster.RemoveViewerAsync("stalled").WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        broadcaster.ViewerCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_viewer_reconnecting_with_its_last_seq_gets_only_the_lines_after_it()
    {
        var broadcaster = CreateBroadcaster();
        for (var seq = 1; seq <= 4; seq++)
        {
            await broadcaster.PublishAsync(Committed("1a2b3c4d", seq, $"line {seq}"), TestContext.Current.CancellationToken);
        }

        var back = _hub.Add("back");
        await broadcaster.AddViewerAsync(new FakeViewerConnection("back"), ("1a2b3c4d", 2), TestContext.Current.CancellationToken);
        var elsewhere = _hub.Add("elsewhere");
        await broadcaster.AddViewerAsync(new FakeViewerConnection("elsewhere"), ("0f0f0f0f", 2), TestContext.Current.CancellationToken);

        (await back.NextAsync()).Method.ShouldBe(CaptionHub.SessionMethod);
        (await back.NextAsync()).Payload.ShouldBeOfType<CaptionEvent[]>().Select(c => c.Seq).ShouldBe([3L, 4L]);
        (await elsewhere.NextAsync()).Method.ShouldBe(CaptionHub.SessionMethod);
        (await elsewhere.NextAsync()).Payload.ShouldBeOfType<CaptionEvent[]>().Select(c => c.Seq).ShouldBe([1L, 2L, 3L, 4L], "another session's seq says nothing about this one");
    }

    [Fact]
    public async Task A_restored_session_refills_the_backlog_and_viewers_already_there_get_it()
    {
        var broadcaster = CreateBroadcaster(backlogLines: 2);
        var early = Connect(broadcaster, "early");

        await broadcaster.RestoreAsync("1a2b3c4d", [Committed("1a2b3c4d", 1, "one"), Committed("1a2b3c4d", 3, "two"), Committed("1a2b3c4d", 5, "three")], TestContext.Current.CancellationToken);

        broadcaster.Backlog.Select(c => c.Text).ShouldBe(["two", "three"]);
        (await early.NextAsync()).Method.ShouldBe(CaptionHub.SessionMethod);
        (await early.NextAsync()).Payload.ShouldBeOfType<CaptionEvent[]>().ShouldBeEmpty();
        var restored = await early.NextAsync();
        restored.Method.ShouldBe(CaptionHub.BacklogMethod);
        restored.Payload.ShouldBeOfType<CaptionEvent[]>().Select(c => c.Seq).ShouldBe([3L, 5L]);
        await broadcaster.PublishAsync(Committed("1a2b3c4d", 6, "four"), TestContext.Current.CancellationToken);
        broadcaster.Backlog.Select(c => c.Text).ShouldBe(["three", "four"], "the same session goes on");
    }

    [Theory]
    [InlineData("?session=1a2b3c4d&after=17", "1a2b3c4d", 17L)]
    [InlineData("?session=1a2b3c4d&after=0", "1a2b3c4d", 0L)]
    [InlineData("?session=1a2b3c4d", null, null)]
    [InlineData("?session=../etc&after=3", null, null)]
    [InlineData("?session=1a2b3c4d&after=-1", null, null)]
    [InlineData("?session=1a2b3c4d&after=1e3", null, null)]
    [InlineData("", null, null)]
    public void The_hub_takes_a_reconnecting_viewers_cursor_only_when_it_makes_sense(string query, string? session, long? seq)
    {
        var parsed = CaptionHub.ResumeFrom(new Microsoft.AspNetCore.Http.QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));

        parsed.ShouldBe(session is null ? null : (session, seq!.Value));
    }

    private CaptionBroadcaster CreateBroadcaster(int backlogLines = 50, int viewerQueueCapacity = 256) =>
        new(_hub,
            new ScriptedHistory(),
            Options.Create(new CaptionDeliveryOptions { BacklogLines = backlogLines, ViewerQueueCapacity = viewerQueueCapacity }),
            _lifetime,
            NullLogger<CaptionBroadcaster>.Instance);

    private RecordingViewerSink Connect(CaptionBroadcaster broadcaster, string connectionId)
    {
        var client = _hub.Add(connectionId);
        broadcaster.AddViewerAsync(new FakeViewerConnection(connectionId), null, TestContext.Current.CancellationToken).IsCompletedSuccessfully.ShouldBeTrue("a new viewer waits on nothing");
        return client;
    }

    private static CaptionEvent Tentative(string session, long seq, string text) => new(session, seq, CaptionKind.Tentative, text, seq * 1000, (seq * 1000) + 900);

    private static CaptionEvent Committed(string session, long seq, string text) => new(session, seq, CaptionKind.Committed, text, seq * 1000, (seq * 1000) + 900);
}
