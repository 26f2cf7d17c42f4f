using System.Diagnostics;
using System.Net;
using LiveStt.Appliance.Tests.Captions;
using LiveStt.Appliance.Tickets;

namespace LiveStt.Appliance.Tests.Tickets;

/// <summary>
/// A room of phones behind one router shares one address: with the default settings it gets all its tickets at once,
/// and again when the box restarts, while an address that keeps asking beyond that is held to the per-minute rate.
/// </summary>
public sealed class TicketRoomTests
{
    [Fact]
    public async Task With_the_defaults_one_address_gets_a_burst_of_tickets_at_once_and_then_only_the_per_minute_rate()
    {
        var defaults = new TicketOptions();
        await using var host = ApplianceTestHost.Start();
        var bucket = TicketRateLimiterPolicy.Bucket(defaults.PermitsPerMinutePerAddress, defaults.BurstPerAddress);
        using var gate = new SemaphoreSlim(32);

        var asking = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(Enumerable.Range(0, defaults.BurstPerAddress + 50).Select(async _ =>
        {
            await gate.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                using var response = await host.Http.PostAsync(new Uri("/api/tickets", UriKind.Relative), content: null, TestContext.Current.CancellationToken);
                return response.StatusCode;
            }
            finally
            {
                gate.Release();
            }
        }));
        asking.Stop();

        // The bucket gains TokensPerPeriod each period while the requests are made.
        var refilled = ((int)(asking.Elapsed / bucket.ReplenishmentPeriod) + 1) * bucket.TokensPerPeriod;
        var issued = statuses.Count(s => s == HttpStatusCode.OK);
        issued.ShouldBeInRange(defaults.BurstPerAddress, Math.Min(statuses.Length, defaults.BurstPerAddress + refilled), $"asked for {asking.Elapsed}");
        statuses.Count(s => s == HttpStatusCode.TooManyRequests).ShouldBe(statuses.Length - issued);
        defaults.BurstPerAddress.ShouldBe(2000);
        defaults.PermitsPerMinutePerAddress.ShouldBe(600);
    }
}
