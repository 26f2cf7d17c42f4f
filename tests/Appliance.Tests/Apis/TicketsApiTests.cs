using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveStt.Appliance.Tests.Captions;
using LiveStt.Appliance.Tickets;

namespace LiveStt.Appliance.Tests.Apis;

public sealed class TicketsApiTests
{
    [Fact]
    public async Task Posting_issues_a_ticket_that_expires_within_the_configured_lifetime()
    {
        await using var host = ApplianceTestHost.Start(new Dictionary<string, string?> { ["Tickets:Lifetime"] = "00:00:20" });
        var before = DateTimeOffset.UtcNow;

        using var response = await host.Http.PostAsync(new Uri("/api/tickets", UriKind.Relative), content: null, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl.ShouldNotBeNull().NoStore.ShouldBeTrue();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        body.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["ticket", "expiresAt"], ignoreOrder: true);
        var ticket = body.RootElement.GetProperty("ticket").GetString().ShouldNotBeNull();
        ticket.Length.ShouldBe(TicketFormat.TicketChars);
        var expiresAt = body.RootElement.GetProperty("expiresAt").GetDateTimeOffset();
        expiresAt.ShouldBeInRange(before.AddSeconds(19), DateTimeOffset.UtcNow.AddSeconds(20));
    }

    [Fact]
    public async Task Each_request_gets_a_different_ticket()
    {
        await using var host = ApplianceTestHost.Start();

        var tickets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 20; i++)
        {
            tickets.Add((await host.IssueTicketAsync()).Ticket);
        }

        tickets.Count.ShouldBe(20);
    }

    [Fact]
    public async Task Only_post_issues_tickets()
    {
        await using var host = ApplianceTestHost.Start();

        using var response = await host.Http.GetAsync(new Uri("/api/tickets", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Too_many_requests_from_one_address_are_refused_with_retry_after()
    {
        await using var host = ApplianceTestHost.Start(new Dictionary<string, string?> { ["Tickets:PermitsPerMinutePerAddress"] = "3", ["Tickets:BurstPerAddress"] = "3" });

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await host.Http.PostAsync(new Uri("/api/tickets", UriKind.Relative), content: null, TestContext.Current.CancellationToken);
            allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var refused = await host.Http.PostAsync(new Uri("/api/tickets", UriKind.Relative), content: null, TestContext.Current.CancellationToken);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull().ShouldBeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public void An_invalid_lifetime_stops_the_app_from_starting_and_says_why()
    {
        var failure = Should.Throw<Exception>(() => ApplianceTestHost.Start(new Dictionary<string, string?> { ["Tickets:Lifetime"] = "00:05:00" }));

        failure.ToString().ShouldContain("Tickets:Lifetime must be between");
    }

    [Fact]
    public async Task The_issued_ticket_admits_a_viewer()
    {
        await using var host = ApplianceTestHost.Start();
        using var issued = await host.Http.PostAsync(new Uri("/api/tickets", UriKind.Relative), content: null, TestContext.Current.CancellationToken);
        var ticket = (await issued.Content.ReadFromJsonAsync<IssuedTicket>(TestContext.Current.CancellationToken)).ShouldNotBeNull();

        await using var viewer = host.CreateViewer(ticket.Ticket);
        await viewer.StartAsync(TestContext.Current.CancellationToken);
    }
}
