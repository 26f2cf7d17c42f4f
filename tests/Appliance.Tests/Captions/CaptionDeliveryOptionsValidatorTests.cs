using LiveStt.Appliance.Captions;

namespace LiveStt.Appliance.Tests.Captions;

public sealed class CaptionDeliveryOptionsValidatorTests
{
    private readonly CaptionDeliveryOptionsValidator validator = new();

    [Fact]
    public void The_defaults_are_valid_and_keep_the_box_on_its_own()
    {
        var options = new CaptionDeliveryOptions();

        validator.Validate(null, options).Succeeded.ShouldBeTrue();
        options.Redis.ShouldBeNull();
        options.Relay.ShouldBeFalse();
    }

    [Fact]
    public void Every_backplane_problem_is_listed_and_the_connection_string_is_never_repeated()
    {
        var options = new CaptionDeliveryOptions
        {
            Redis = "password=hunter2-secret",
            Relay = true,
            RedisKeyPrefix = "hall 1/../",
            RedisHistoryDays = 0,
        };

        var result = validator.Validate(null, options);

        result.Failures.ShouldBe(
        [
            "Captions:Redis is not a Redis connection string: it names no server (host:port).",
            "Captions:RedisKeyPrefix must be 1 to 64 letters, digits, '-', '_' or '.'; it is 'hall 1/../'.",
            "Captions:RedisHistoryDays must be between 1 and 30; it is 0.",
        ]);
        result.FailureMessage.ShouldNotBeNull().ShouldNotContain("hunter2");
    }

    [Fact]
    public void A_relay_needs_a_redis_server()
    {
        validator.Validate(null, new CaptionDeliveryOptions { Relay = true }).Failures.ShouldBe(
        [
            "Captions:Relay is on, but Captions:Redis is empty: a relay reads its captions from Redis.",
        ]);
    }
}
