using LiveStt.Appliance.Kiosk;
using Microsoft.Extensions.Time.Testing;

namespace LiveStt.Appliance.Tests.Kiosk;

public sealed class PinAttemptLimiterTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Five_misses_are_free_then_each_miss_doubles_the_lockout_up_to_fifteen_minutes()
    {
        var limiter = new PinAttemptLimiter(time);
        for (var left = 4; left >= 1; left--)
        {
            limiter.Begin("10.0.0.5").ShouldBe(new PinAttempt(true, TimeSpan.Zero, left));
        }

        limiter.Begin("10.0.0.5").ShouldBe(new PinAttempt(true, TimeSpan.FromSeconds(30), 0), "the fifth miss starts the first lockout");
        limiter.Begin("10.0.0.5").ShouldBe(new PinAttempt(false, TimeSpan.FromSeconds(30), 0));
        limiter.LockedFor("10.0.0.5").ShouldBe(TimeSpan.FromSeconds(30));

        var expected = new[] { 60, 120, 240, 480, 900, 900 };
        foreach (var seconds in expected)
        {
            time.Advance(limiter.LockedFor("10.0.0.5"));
            limiter.Begin("10.0.0.5").ShouldBe(new PinAttempt(true, TimeSpan.FromSeconds(seconds), 0));
        }
    }

    [Fact]
    public void A_right_pin_clears_the_count_and_a_lockout_refuses_even_the_right_pin()
    {
        var limiter = new PinAttemptLimiter(time);
        for (var i = 0; i < 4; i++)
        {
            limiter.Begin("a");
        }

        limiter.Begin("a").Allowed.ShouldBeTrue();
        limiter.Succeeded("a");
        limiter.Begin("a").AttemptsLeft.ShouldBe(4, "counting starts again after a right PIN");

        for (var i = 0; i < 4; i++)
        {
            limiter.Begin("a");
        }

        limiter.Begin("a").Allowed.ShouldBeFalse("a lockout is a lockout, whatever PIN comes next");
    }

    [Fact]
    public void Misses_from_many_addresses_lock_the_box_for_everyone_after_twenty()
    {
        var limiter = new PinAttemptLimiter(time);
        for (var i = 0; i < PinAttemptLimiter.FreeAttemptsOverall; i++)
        {
            limiter.Begin($"10.0.0.{i}").Allowed.ShouldBeTrue();
        }

        limiter.Begin("10.0.0.200").ShouldBe(new PinAttempt(false, TimeSpan.FromSeconds(30), 0));
        limiter.LockedFor("192.168.1.9").ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Misses_are_forgotten_after_an_hour_without_one()
    {
        var limiter = new PinAttemptLimiter(time);
        for (var i = 0; i < 4; i++)
        {
            limiter.Begin("a");
        }

        time.Advance(TimeSpan.FromMinutes(61));

        limiter.Begin("a").AttemptsLeft.ShouldBe(4);
    }
}
