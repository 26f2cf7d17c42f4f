using System.Text.Json;
using LiveStt.Appliance.Tests.Infrastructure;
using LiveStt.Appliance.Transcripts;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveStt.Appliance.Tests.Captions;

/// <summary>
/// A viewer away for longer than the backlog reaches, through the real hub and a real SignalR client, with the
/// session's lines written by the real transcript writer: what it missed comes from the transcript.
/// </summary>
public sealed class CaptionResumeTests : IAsyncLifetime
{
    private ApplianceTestHost host = null!;

    public ValueTask InitializeAsync()
    {
        host = ApplianceTestHost.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_viewer_away_for_three_minutes_of_captions_gets_every_missed_line_once_in_order_then_the_live_ones()
    {
        using var session = CommittingSession.Open(host, "5e551011");
        await using var first = await ConnectAsync();
        (await first.Inbox.NextBacklogAsync()).ShouldBeEmpty();
        await session.CommitAsync(5);
        var seen = await CommittedAsync(first.Inbox, 5);
        seen.ShouldBe(session.Committed);
        await first.Connection.StopAsync(TestContext.Current.CancellationToken);

        // About a line every 0.75 s: three minutes of speech, over four times what the backlog holds.
        await session.CommitAsync(240);
        await using var back = await ConnectAsync(session.SessionId, seen[^1].Seq);
        var backlog = await back.Inbox.NextBacklogAsync();
        await session.CommitAsync(2);
        var live = await CommittedAsync(back.Inbox, 2);

        Lines(backlog).ShouldBe(session.Committed[5..245], "every missed line, once, in order");
        live.ShouldBe(session.Committed[245..]);
        TranscriptReader.Read(session.TranscriptPath!).ShouldNotBeNull().Lines.Where(line => line.Seq > seen[^1].Seq).Take(240)
            .Select(line => (line.Seq, line.Text)).ShouldBe(Lines(backlog), "exactly as the transcript holds them");
    }

    [Fact]
    public async Task Lines_still_waiting_for_a_full_disk_reach_a_viewer_coming_back()
    {
        using var disk = SmallTmpfs.Mount(kib: 256);
        await using var onTmpfs = ApplianceTestHost.Start(new Dictionary<string, string?> { ["Transcripts:Directory"] = disk.Path });
        using var session = CommittingSession.Open(onTmpfs, "d15cf011");
        await session.CommitAsync(10);
        var cursor = session.Committed[^1].Seq;
        disk.Fill();

        await session.CommitAsync(120);
        var written = TranscriptReader.Read(session.TranscriptPath!).ShouldNotBeNull().Lines.Count;
        written.ShouldBeLessThan(60, "most of the missed lines are not on the disk, nor in the backlog of 50");
        await using var back = await ConnectAsync(session.SessionId, cursor, onTmpfs);
        var backlog = await back.Inbox.NextBacklogAsync();

        Lines(backlog).ShouldBe(session.Committed[10..]);
        disk.Free();
    }

    [Fact]
    public async Task A_viewer_whose_session_ended_gets_the_rest_of_it_then_the_new_sessions_backlog()
    {
        using (var ended = CommittingSession.Open(host, "0e11ded0"))
        {
            await ended.CommitAsync(100);
            await ended.EndAsync();
            using var next = CommittingSession.Open(host, "0e11ded1");
            await next.CommitAsync(60);

            await using var back = await ConnectAsync(ended.SessionId, ended.Committed[9].Seq);
            var backlog = await back.Inbox.NextBacklogAsync();

            backlog.Select(line => line.GetProperty("sessionId").GetString()).Distinct().ShouldBe([ended.SessionId, next.SessionId], "its own session first");
            backlog.Where(line => line.GetProperty("sessionId").GetString() == ended.SessionId).Select(Line).ShouldBe(ended.Committed[10..]);
            backlog.Where(line => line.GetProperty("sessionId").GetString() == next.SessionId).Select(Line).ShouldBe(next.Committed[10..], "the current session's backlog of 50");
        }
    }

    [Fact]
    public async Task A_viewer_within_the_backlog_gets_just_the_lines_after_its_cursor()
    {
        using var session = CommittingSession.Open(host, "0ba5e1e5");
        await session.CommitAsync(80);

        await using var back = await ConnectAsync(session.SessionId, session.Committed[69].Seq);

        Lines(await back.Inbox.NextBacklogAsync()).ShouldBe(session.Committed[70..]);
    }

    [Fact]
    public async Task One_resume_sends_at_most_the_newest_ResumeMaxLines()
    {
        await using var capped = ApplianceTestHost.Start(new Dictionary<string, string?> { ["Captions:ResumeMaxLines"] = "100" });
        using var session = CommittingSession.Open(capped, "ca99ed00");
        await session.CommitAsync(300);

        await using var back = await ConnectAsync(session.SessionId, session.Committed[9].Seq, capped);

        Lines(await back.Inbox.NextBacklogAsync()).ShouldBe(session.Committed[200..]);
    }

    [Theory]
    [InlineData("10", "Captions:ResumeMaxLines must be between BacklogLines (50) and 100000; it is 10.")]
    [InlineData("100001", "Captions:ResumeMaxLines must be between BacklogLines (50) and 100000; it is 100001.")]
    public void A_resume_cap_below_the_backlog_or_too_large_stops_start_up_saying_so(string value, string message)
    {
        var refused = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(
            () => ApplianceTestHost.Start(new Dictionary<string, string?> { ["Captions:ResumeMaxLines"] = value }));

        refused.Failures.ShouldContain(message);
    }

    private static List<(long Seq, string Text)> Lines(IEnumerable<JsonElement> captions) => [.. captions.Select(Line)];

    private static (long Seq, string Text) Line(JsonElement caption)
    {
        caption.GetProperty("kind").GetString().ShouldBe("committed");
        return (caption.GetProperty("seq").GetInt64(), caption.GetProperty("text").GetString()!);
    }

    /// <summary>The next <paramref name="count"/> committed lines among live events, tentative ones passed over.</summary>
    private static async Task<List<(long Seq, string Text)>> CommittedAsync(ViewerInbox inbox, int count)
    {
        var committed = new List<(long, string)>();
        while (committed.Count < count)
        {
            var caption = await inbox.NextCaptionAsync();
            if (caption.GetProperty("kind").GetString() == "committed")
            {
                committed.Add(Line(caption));
            }
        }

        return committed;
    }

    private async Task<Viewer> ConnectAsync(string? sessionId = null, long after = 0, ApplianceTestHost? on = null)
    {
        var target = on ?? host;
        var ticket = await target.IssueTicketAsync();
        var connection = target.CreateViewer(ticket.Ticket, query: sessionId is null ? null : $"?session={sessionId}&after={after}");
        var inbox = new ViewerInbox(connection);
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return new Viewer(connection, inbox);
    }

    private sealed record Viewer(HubConnection Connection, ViewerInbox Inbox) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
