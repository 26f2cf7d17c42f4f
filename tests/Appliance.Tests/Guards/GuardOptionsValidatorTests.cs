using LiveStt.Appliance.Guards;

namespace LiveStt.Appliance.Tests.Guards;

public sealed class GuardOptionsValidatorTests
{
    private readonly GuardOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new GuardOptions();

        _validator.Validate(null, options).Succeeded.ShouldBeTrue();
        options.NoSpeechEnabled.ShouldBeTrue();
        options.CompressionEnabled.ShouldBeTrue();
        options.CompressionRatioThreshold.ShouldBe(2.4);
        options.CompressionMinBytes.ShouldBe(80);
        options.RepetitionEnabled.ShouldBeTrue();
        options.MaxWordRepeats.ShouldBe(3);
        options.MaxPhraseRepeats.ShouldBe(2);
        options.RecentLines.ShouldBe(4);
        options.RecentLineSeconds.ShouldBe(30);
        options.RepeatedLineMinWords.ShouldBe(3);
        options.BlocklistEnabled.ShouldBeTrue();
        options.Blocklist.ShouldBeEmpty();
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var options = new GuardOptions
        {
            CompressionRatioThreshold = double.NaN,
            CompressionMinBytes = -1,
            MaxWordRepeats = 0,
            MaxPhraseRepeats = 51,
            RecentLines = -1,
            RecentLineSeconds = 0,
            RepeatedLineMinWords = 0,
        };
        options.Blocklist.Add("Transcribed by ESO");
        options.Blocklist.Add("  ");
        options.Blocklist.Add("...!");

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldBe(
        [
            "Guards:CompressionRatioThreshold must be between 1 and 10; it is NaN.",
            "Guards:CompressionMinBytes must be between 0 and 10000; it is -1.",
            "Guards:MaxWordRepeats must be between 1 and 50; it is 0.",
            "Guards:MaxPhraseRepeats must be between 1 and 50; it is 51.",
            "Guards:RecentLines must be between 0 and 100; it is -1.",
            "Guards:RecentLineSeconds must be between 1 and 3600; it is 0.",
            "Guards:RepeatedLineMinWords must be between 1 and 50; it is 0.",
            "Guards:Blocklist:1 is empty.",
            "Guards:Blocklist:2 \"...!\" has no letters, digits, brackets or music notes.",
        ]);
    }

    [Theory]
    [InlineData(0.99)]
    [InlineData(10.01)]
    public void A_compression_threshold_outside_1_to_10_is_refused(double threshold)
    {
        _validator.Validate(null, new GuardOptions { CompressionRatioThreshold = threshold }).Failures.ShouldHaveSingleItem()
            .ShouldStartWith("Guards:CompressionRatioThreshold must be between 1 and 10;");
    }

    [Fact]
    public void The_limits_themselves_are_accepted()
    {
        var options = new GuardOptions
        {
            CompressionRatioThreshold = 1,
            CompressionMinBytes = 10_000,
            MaxWordRepeats = 50,
            MaxPhraseRepeats = 1,
            RecentLines = 0,
            RecentLineSeconds = 3600,
            RepeatedLineMinWords = 50,
        };
        options.Blocklist.Add("♪");

        _validator.Validate(null, options).Succeeded.ShouldBeTrue();
    }
}
