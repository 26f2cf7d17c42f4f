using System.Net;
using System.Net.Http.Headers;
using LiveStt.Appliance.Tests.Captions;
using LiveStt.Appliance.Tickets;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveStt.Appliance.Tests.Tickets;

/// <summary>
/// A ticket is spent only where it is meant to be: by the caption hub's WebSocket, after the hub's per-address limit.
/// Anything else that carries one (a page, the status, the kiosk, the ticket endpoint itself) leaves it unspent.
/// </summary>
public sealed class TicketSpendingTests
{
    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/api/status")]
    [InlineData("GET", "/api/join")]
    [InlineData("GET", "/api/kiosk")]
    [InlineData("GET", "/kiosk/")]
    [InlineData("POST", "/api/tickets")]
    [InlineData("GET", "/api/join/qr.svg")]
    public async Task A_ticket_sent_anywhere_but_the_hub_is_not_spent(string method, string path)
    {
        await using var host = ApplianceTestHost.Start();
        var ticket = (await host.IssueTicketAsync()).Ticket;

        // Both ways a client can carry it: the header, and the query string browsers use for WebSockets.
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{path}?access_token={Uri.EscapeDataString(ticket)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ticket);
        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        response.IsSuccessStatusCode.ShouldBeTrue($"{method} {path} answered {(int)response.StatusCode}");
        Validator(host).Check(ticket).ShouldBe(TicketVerdict.Accepted);
        await using var viewer = host.CreateViewer(ticket, skipNegotiation: true);
        await viewer.StartAsync(TestContext.Current.CancellationToken);
        viewer.State.ShouldBe(HubConnectionState.Connected);
    }

    [Fact]
    public async Task Forged_tickets_at_the_hub_are_rate_limited()
    {
        await using var host = ApplianceTestHost.Start(new Dictionary<string, string?> { ["Tickets:PermitsPerMinutePerAddress"] = "3", ["Tickets:BurstPerAddress"] = "3" });
        var genuine = (await host.IssueTicketAsync()).Ticket;
        var forged = genuine[..^1] + (genuine[^1] == 'A' ? 'B' : 'A');

        var statuses = await host.NegotiateAsync(forged, times: 4);

        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task Reused_tickets_at_the_hub_are_rate_limited()
    {
        await using var host = ApplianceTestHost.Start(new Dictionary<string, string?> { ["Tickets:PermitsPerMinutePerAddress"] = "3", ["Tickets:BurstPerAddress"] = "3" });
        var ticket = (await host.IssueTicketAsync()).Ticket;
        await using (var viewer = host.CreateViewer(ticket, skipNegotiation: true))
        {
            await viewer.StartAsync(TestContext.Current.CancellationToken);
        }

        var statuses = await host.NegotiateAsync(ticket, times: 3);

        // The WebSocket that spent it took the first permit.
        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task A_connection_refused_by_the_limiter_has_not_spent_its_ticket()
    {
        await using var host = ApplianceTestHost.Start(new Dictionary<string, string?> { ["Tickets:PermitsPerMinutePerAddress"] = "1", ["Tickets:BurstPerAddress"] = "1" });
        var spare = (await host.IssueTicketAsync()).Ticket;
        (await host.NegotiateAsync("not-a-ticket", times: 1)).ShouldBe([HttpStatusCode.Unauthorized]);

        await using var refused = host.CreateViewer(spare, skipNegotiation: true);
        await Should.ThrowAsync<Exception>(() => refused.StartAsync(TestContext.Current.CancellationToken));

        refused.State.ShouldBe(HubConnectionState.Disconnected);
        Validator(host).Check(spare).ShouldBe(TicketVerdict.Accepted);
    }

    private static TicketValidator Validator(ApplianceTestHost host) => host.Services.GetRequiredService<TicketValidator>();
}
