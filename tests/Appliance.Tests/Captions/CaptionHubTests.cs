using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Tickets;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveStt.Appliance.Tests.Captions;

public sealed class CaptionHubTests : IAsyncLifetime
{
    private ApplianceTestHost _host = null!;

    public ValueTask InitializeAsync()
    {
        _host = ApplianceTestHost.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_valid_ticket_connects_and_the_viewer_receives_published_captions()
    {
        var ticket = await _host.IssueTicketAsync();
        await using var viewer = _host.CreateViewer(ticket.Ticket);
        var inbox = new ViewerInbox(viewer);

        await viewer.StartAsync(TestContext.Current.CancellationToken);
        (await inbox.NextBacklogAsync()).ShouldBeEmpty();
        await _host.Publisher.PublishAsync(new CaptionEvent("s1", 7, CaptionKind.Committed, "The Lord is my shepherd", 1200, 2900), TestContext.Current.CancellationToken);

        var caption = await inbox.NextCaptionAsync();
        caption.GetProperty("sessionId").GetString().ShouldBe("s1");
        caption.GetProperty("seq").GetInt64().ShouldBe(7);
        caption.GetProperty("kind").GetString().ShouldBe("committed");
        caption.GetProperty("text").GetString().ShouldBe("The Lord is my shepherd");
        caption.GetProperty("startMs").GetInt64().ShouldBe(1200);
        caption.GetProperty("endMs").GetInt64().ShouldBe(2900);
    }

    [Fact]
    public async Task Tentative_captions_are_marked_tentative()
    {
        await using var viewer = _host.CreateViewer((await _host.IssueTicketAsync()).Ticket);
        var inbox = new ViewerInbox(viewer);
        await viewer.StartAsync(TestContext.Current.CancellationToken);
        await inbox.NextBacklogAsync();

        await _host.Publisher.PublishAsync(new CaptionEvent("s1", 1, CaptionKind.Tentative, "The Lord", 0, 800), TestContext.Current.CancellationToken);

        (await inbox.NextCaptionAsync()).GetProperty("kind").GetString().ShouldBe("tentative");
    }

    [Fact]
    public async Task A_connection_without_a_ticket_is_refused()
    {
        await using var viewer = _host.CreateViewer(ticket: null);

        await ShouldBeRefusedAtNegotiation(viewer);
    }

    [Fact]
    public async Task An_expired_ticket_is_refused()
    {
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds();
        var expired = TicketFormat.Create(_host.Key, RandomNumberGenerator.GetBytes(TicketFormat.IdBytes), expiresAt);
        await using var viewer = _host.CreateViewer(expired);

        await ShouldBeRefusedAtNegotiation(viewer);
    }

    [Fact]
    public async Task A_reused_ticket_is_refused()
    {
        var ticket = await _host.IssueTicketAsync();
        await using (var first = _host.CreateViewer(ticket.Ticket))
        {
            await first.StartAsync(TestContext.Current.CancellationToken);
            first.State.ShouldBe(HubConnectionState.Connected);
        }

        await using var second = _host.CreateViewer(ticket.Ticket);
        await ShouldBeRefusedAtNegotiation(second);
    }

    [Fact]
    public async Task A_forged_ticket_is_refused()
    {
        var forger = TicketSigningKey.Generate();
        var forged = TicketFormat.Create(forger, RandomNumberGenerator.GetBytes(TicketFormat.IdBytes), DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds());
        await using var viewer = _host.CreateViewer(forged);

        await ShouldBeRefusedAtNegotiation(viewer);
    }

    [Fact]
    public async Task Without_negotiation_one_ticket_admits_exactly_one_websocket()
    {
        var ticket = await _host.IssueTicketAsync();
        await using var first = _host.CreateViewer(ticket.Ticket, skipNegotiation: true);
        await first.StartAsync(TestContext.Current.CancellationToken);
        first.State.ShouldBe(HubConnectionState.Connected);

        await using var second = _host.CreateViewer(ticket.Ticket, skipNegotiation: true);
        var refusal = await Should.ThrowAsync<WebSocketException>(() => second.StartAsync(TestContext.Current.CancellationToken));
        refusal.Message.ShouldContain("401");
        second.State.ShouldBe(HubConnectionState.Disconnected);
    }

    [Fact]
    public async Task A_ticket_in_the_access_token_query_parameter_is_accepted_as_browsers_send_it()
    {
        var ticket = await _host.IssueTicketAsync();
        await using var viewer = _host.CreateViewer(ticket: null, skipNegotiation: true, query: "?access_token=" + Uri.EscapeDataString(ticket.Ticket));
        var inbox = new ViewerInbox(viewer);

        await viewer.StartAsync(TestContext.Current.CancellationToken);

        (await inbox.NextBacklogAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_late_joiner_receives_the_backlog_and_then_live_captions_in_seq_order()
    {
        await using var early = _host.CreateViewer((await _host.IssueTicketAsync()).Ticket);
        var earlyInbox = new ViewerInbox(early);
        await early.StartAsync(TestContext.Current.CancellationToken);
        await earlyInbox.NextBacklogAsync();

        var publisher = _host.Publisher;
        await publisher.PublishAsync(new CaptionEvent("s1", 1, CaptionKind.Committed, "one", 0, 900), TestContext.Current.CancellationToken);
        await publisher.PublishAsync(new CaptionEvent("s1", 2, CaptionKind.Committed, "two", 1000, 1900), TestContext.Current.CancellationToken);
        await publisher.PublishAsync(new CaptionEvent("s1", 3, CaptionKind.Committed, "three", 2000, 2900), TestContext.Current.CancellationToken);
        await publisher.PublishAsync(new CaptionEvent("s1", 4, CaptionKind.Tentative, "fo", 3000, 3400), TestContext.Current.CancellationToken);
        for (var seq = 1; seq <= 4; seq++)
        {
            (await earlyInbox.NextCaptionAsync()).GetProperty("seq").GetInt64().ShouldBe(seq);
        }

        await using var late = _host.CreateViewer((await _host.IssueTicketAsync()).Ticket);
        var lateInbox = new ViewerInbox(late);
        await late.StartAsync(TestContext.Current.CancellationToken);
        var backlog = await lateInbox.NextBacklogAsync();
        await publisher.PublishAsync(new CaptionEvent("s1", 5, CaptionKind.Committed, "four", 3000, 3900), TestContext.Current.CancellationToken);
        await publisher.PublishAsync(new CaptionEvent("s1", 6, CaptionKind.Tentative, "fi", 4000, 4300), TestContext.Current.CancellationToken);

        backlog.Select(c => c.GetProperty("text").GetString()).ShouldBe(["one", "two", "three"]);
        backlog.ShouldAllBe(c => c.GetProperty("kind").GetString() == "committed");
        var received = backlog.Select(Seq).ToList();
        received.Add(Seq(await lateInbox.NextCaptionAsync()));
        received.Add(Seq(await lateInbox.NextCaptionAsync()));
        received.ShouldBe([1L, 2L, 3L, 5L, 6L]);
    }

    [Fact]
    public async Task Negotiating_again_and_again_with_one_ticket_is_rate_limited()
    {
        await using var host = ApplianceTestHost.Start(new Dictionary<string, string?> { ["Tickets:PermitsPerMinutePerAddress"] = "3", ["Tickets:BurstPerAddress"] = "3" });
        var ticket = await host.IssueTicketAsync();

        var statuses = await host.NegotiateAsync(ticket.Ticket, times: 4);

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
    }

    private static long Seq(JsonElement caption) => caption.GetProperty("seq").GetInt64();

    private static async Task ShouldBeRefusedAtNegotiation(HubConnection viewer)
    {
        var refusal = await Should.ThrowAsync<HttpRequestException>(() => viewer.StartAsync(TestContext.Current.CancellationToken));
        refusal.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        viewer.State.ShouldBe(HubConnectionState.Disconnected);
    }
}
