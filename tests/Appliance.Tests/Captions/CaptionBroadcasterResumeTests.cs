using LiveStt.Appliance.Captions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Tests.Captions;

/// <summary>
/// A viewer coming back from further than the backlog reaches, while lines go on being committed: the broadcaster's
/// joining of what the history read (outside its lock) with what the backlog holds at registration.
/// </summary>
public sealed class CaptionBroadcasterResumeTests : IDisposable
{
    private const string Session = "1a2b3c4d";
    private readonly FakeViewerSinks hub = new();
    private readonly FakeHostLifetime lifetime = new();
    private readonly ScriptedHistory history = new();

    public void Dispose() => lifetime.Dispose();

    [Fact]
    public async Task Lines_committed_during_the_read_come_from_the_backlog_once()
    {
        var broadcaster = Create(backlogLines: 10);
        await CommitAsync(broadcaster, Session, 1, 100);
        history.DuringRead = _ => CommitAsync(broadcaster, Session, 101, 105);

        var back = await ResumeAsync(broadcaster, "back", Session, after: 20);
        await CommitAsync(broadcaster, Session, 106, 106);

        (await back.NextAsync()).Method.ShouldBe(CaptionHub.SessionMethod);
        Seqs(await back.NextAsync()).ShouldBe(Range(21, 105));
        ((CaptionEvent)(await back.NextAsync()).Payload!).Seq.ShouldBe(106);
        history.Reads.ShouldBe(1);
    }

    [Fact]
    public async Task When_more_than_the_backlog_is_committed_during_the_read_it_reads_again()
    {
        var broadcaster = Create(backlogLines: 10);
        await CommitAsync(broadcaster, Session, 1, 100);
        history.DuringRead = read => read == 1 ? CommitAsync(broadcaster, Session, 101, 130) : Task.CompletedTask;

        var back = await ResumeAsync(broadcaster, "back", Session, after: 20);

        (await back.NextAsync()).Method.ShouldBe(CaptionHub.SessionMethod);
        Seqs(await back.NextAsync()).ShouldBe(Range(21, 130), "lines 101 to 120 left the backlog during the first read");
        history.Reads.ShouldBe(2);
    }

    [Fact]
    public async Task A_viewer_near_the_live_edge_is_served_from_the_backlog_without_a_read()
    {
        var broadcaster = Create(backlogLines: 10);
        await CommitAsync(broadcaster, Session, 1, 100);

        var back = await ResumeAsync(broadcaster, "back", Session, after: 90);

        (await back.NextAsync()).Method.ShouldBe(CaptionHub.SessionMethod);
        Seqs(await back.NextAsync()).ShouldBe(Range(91, 100));
        history.Reads.ShouldBe(0);
    }

    [Fact]
    public async Task A_session_that_ends_during_the_read_is_read_again_for_its_last_lines_then_the_new_backlog_follows()
    {
        var broadcaster = Create(backlogLines: 10);
        await CommitAsync(broadcaster, Session, 1, 40);
        history.DuringRead = async read =>
        {
            if (read == 1)
            {
                await CommitAsync(broadcaster, Session, 41, 45);
                await CommitAsync(broadcaster, "5e55a002", 1, 3);
            }
        };

        var back = await ResumeAsync(broadcaster, "back", Session, after: 5);

        (await back.NextAsync()).Method.ShouldBe(CaptionHub.SessionMethod);
        var backlog = (CaptionEvent[])(await back.NextAsync()).Payload!;
        backlog.Select(c => (c.SessionId, c.Seq)).ShouldBe([.. Range(6, 45).Select(seq => (Session, seq)), ("5e55a002", 1L), ("5e55a002", 2L), ("5e55a002", 3L)]);
        history.Reads.ShouldBe(2);
    }

    [Fact]
    public async Task Lines_the_history_never_kept_leave_the_viewer_the_backlog_and_a_warning_not_a_wait()
    {
        var broadcaster = Create(backlogLines: 10);
        await CommitAsync(broadcaster, Session, 1, 100, keep: false);

        var back = await ResumeAsync(broadcaster, "back", Session, after: 20);

        (await back.NextAsync()).Method.ShouldBe(CaptionHub.SessionMethod);
        Seqs(await back.NextAsync()).ShouldBe(Range(91, 100));
        history.Reads.ShouldBe(3, "read again while lines might still be on their way, then no more");
    }

    [Fact]
    public async Task A_history_that_cannot_be_read_leaves_the_viewer_the_backlog()
    {
        var broadcaster = Create(backlogLines: 10);
        await CommitAsync(broadcaster, Session, 1, 100);
        history.Failure = new IOException("Input/output error");

        var back = await ResumeAsync(broadcaster, "back", Session, after: 20);

        (await back.NextAsync()).Method.ShouldBe(CaptionHub.SessionMethod);
        Seqs(await back.NextAsync()).ShouldBe(Range(91, 100));
    }

    [Fact]
    public async Task A_restored_session_lets_a_viewer_from_before_the_restart_read_what_the_backlog_no_longer_holds()
    {
        var broadcaster = Create(backlogLines: 10);
        var lines = Range(1, 60).Select(seq => Line(Session, seq)).ToList();
        lines.ForEach(history.Keep);
        await broadcaster.RestoreAsync(Session, lines, TestContext.Current.CancellationToken);

        var back = await ResumeAsync(broadcaster, "back", Session, after: 30);

        (await back.NextAsync()).Method.ShouldBe(CaptionHub.SessionMethod);
        Seqs(await back.NextAsync()).ShouldBe(Range(31, 60));
        history.Reads.ShouldBe(1);
    }

    private static long[] Range(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(seq => (long)seq)];

    private static long[] Seqs((string Method, object? Payload) message)
    {
        message.Method.ShouldBe(CaptionHub.BacklogMethod);
        return [.. ((CaptionEvent[])message.Payload!).Select(caption => caption.Seq)];
    }

    private static CaptionEvent Line(string session, long seq) => new(session, seq, CaptionKind.Committed, $"line {seq} of {session}", seq * 1000, (seq * 1000) + 900);

    private CaptionBroadcaster Create(int backlogLines) =>
        new(hub, history, Options.Create(new CaptionDeliveryOptions { BacklogLines = backlogLines }), lifetime, NullLogger<CaptionBroadcaster>.Instance);

    /// <summary>Commits lines <paramref name="from"/> to <paramref name="to"/>: kept first, then published, as a session's output does.</summary>
    private async Task CommitAsync(CaptionBroadcaster broadcaster, string session, long from, long to, bool keep = true)
    {
        for (var seq = from; seq <= to; seq++)
        {
            if (keep)
            {
                history.Keep(Line(session, seq));
            }

            await broadcaster.PublishAsync(Line(session, seq), TestContext.Current.CancellationToken);
        }
    }

    private async Task<RecordingViewerSink> ResumeAsync(CaptionBroadcaster broadcaster, string connectionId, string session, long after)
    {
        var client = hub.Add(connectionId);
        await broadcaster.AddViewerAsync(new FakeViewerConnection(connectionId), (session, after), TestContext.Current.CancellationToken);
        return client;
    }
}
