using LiveStt.Appliance.Tickets;

namespace LiveStt.Appliance.Tests.Tickets;

public sealed class TicketRateLimiterPolicyTests
{
    [Theory]
    [InlineData(600, 2000, 10, 1_000)]
    [InlineData(90, 90, 2, 1_000)]
    [InlineData(60, 500, 1, 1_000)]
    [InlineData(3, 3, 1, 20_000)]
    [InlineData(1, 1, 1, 60_000)]
    public void The_bucket_holds_the_burst_and_refills_at_least_the_configured_rate(int perMinute, int burst, int tokensPerPeriod, int periodMs)
    {
        var bucket = TicketRateLimiterPolicy.Bucket(perMinute, burst);

        bucket.TokenLimit.ShouldBe(burst);
        bucket.TokensPerPeriod.ShouldBe(tokensPerPeriod);
        bucket.ReplenishmentPeriod.ShouldBe(TimeSpan.FromMilliseconds(periodMs));
        bucket.QueueLimit.ShouldBe(0);
        (bucket.TokensPerPeriod * (60_000.0 / periodMs)).ShouldBeGreaterThanOrEqualTo(perMinute);
    }
}
