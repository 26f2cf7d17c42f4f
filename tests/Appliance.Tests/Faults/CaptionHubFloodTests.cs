using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Tests.Captions;
using LiveStt.Appliance.Tickets;

namespace LiveStt.Appliance.Tests.Faults;

/// <summary>
/// A flood of connections from one address (a script on one phone, a misbehaving laptop): the per-address limit
/// refuses it at the hub and at the ticket endpoint, while viewers already connected, and phones at other addresses,
/// join and read as before. Other loopback addresses stand in for the other phones.
/// </summary>
public sealed class CaptionHubFloodTests
{
    private const int Permits = 6;
    private const int Flood = 60;
    private static readonly IPAddress OtherPhone = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task A_flood_of_connections_from_one_address_is_limited_and_other_viewers_are_not()
    {
        await using var host = ApplianceTestHost.Start(new Dictionary<string, string?> { ["Tickets:PermitsPerMinutePerAddress"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Tickets:BurstPerAddress"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var period = TicketRateLimiterPolicy.Bucket(Permits, Permits).ReplenishmentPeriod;
        await using var early = host.CreateViewer((await host.IssueTicketAsync()).Ticket);
        var earlyInbox = new ViewerInbox(early);
        await early.StartAsync(TestContext.Current.CancellationToken);
        await earlyInbox.NextBacklogAsync();

        // Sixty WebSocket upgrades at once from 127.0.0.1, each with a made-up ticket, as a script would send them.
        var flooding = Stopwatch.StartNew();
        var attempts = await Task.WhenAll(Enumerable.Range(0, Flood).Select(async _ =>
        {
            var (socket, status) = await RawHubSocket.TryConnectAsync(host.BaseAddress, "made-up-ticket");
            socket?.Dispose();
            return status;
        }));
        using var tickets = new HttpClient { BaseAddress = host.BaseAddress };
        var ticketStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < Permits * 2; i++)
        {
            using var response = await tickets.PostAsync(new Uri("/api/tickets", UriKind.Relative), content: null, TestContext.Current.CancellationToken);
            ticketStatuses.Add(response.StatusCode);
        }

        flooding.Stop();
        // A bucket holds Permits and gains one each period; the flood may have straddled a refill or two.
        var refills = (int)(flooding.Elapsed / period) + 1;
        var passed = attempts.Count(s => s == HttpStatusCode.Unauthorized);
        // The early viewer's negotiation and its WebSocket took two permits of the hub's bucket.
        passed.ShouldBeInRange(Permits - 2, Permits - 2 + refills, string.Join(",", attempts.Select(s => (int)s)));
        attempts.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBe(Flood - passed);
        ticketStatuses.Count(s => s == HttpStatusCode.OK).ShouldBeInRange(Permits - 1, Permits + refills, "the early viewer's ticket took one");
        ticketStatuses.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBe(ticketStatuses.Count - ticketStatuses.Count(s => s == HttpStatusCode.OK));

        // A phone at another address gets its ticket and joins at once (the test host has no model: "unavailable").
        using var other = new HttpClient(RawHubSocket.Handler(OtherPhone)) { BaseAddress = host.BaseAddress };
        using var issued = await other.PostAsync(new Uri("/api/tickets", UriKind.Relative), content: null, TestContext.Current.CancellationToken);
        issued.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ticket = (await issued.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("ticket").GetString();
        var (phone, phoneStatus) = await RawHubSocket.TryConnectAsync(host.BaseAddress, ticket, OtherPhone);
        phoneStatus.ShouldBe(HttpStatusCode.SwitchingProtocols);
        using var otherPhone = phone.ShouldNotBeNull();
        await otherPhone.SendTextAsync(RawHubSocket.Handshake);
        (await otherPhone.ReceiveAsync(3, TimeSpan.FromSeconds(10))).ShouldBe(
        [
            "{}",
            """{"type":1,"target":"session","arguments":[{"sessionId":null,"state":"unavailable","startedAt":null}]}""",
            """{"type":1,"target":"backlog","arguments":[[]]}""",
        ]);

        await host.Publisher.PublishAsync(new CaptionEvent("s1", 1, CaptionKind.Committed, "The flood did not reach us.", 0, 1500), TestContext.Current.CancellationToken);

        (await otherPhone.ReceiveAsync(1, TimeSpan.FromSeconds(10))).ShouldBe(
            ["""{"type":1,"target":"caption","arguments":[{"sessionId":"s1","seq":1,"kind":"committed","text":"The flood did not reach us.","startMs":0,"endMs":1500}]}"""]);
        var caption = await earlyInbox.NextCaptionAsync();
        caption.GetProperty("text").GetString().ShouldBe("The flood did not reach us.");
        caption.GetProperty("seq").GetInt64().ShouldBe(1);
    }
}
