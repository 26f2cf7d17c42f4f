using LiveStt.Appliance.Guards;

namespace LiveStt.Appliance.Tests.Guards;

public sealed class CompressionRatioTests
{
    [Theory]
    [InlineData("So the plan for next week is that we meet on Tuesday at ten and go through the budget together.", 1.1446)]
    [InlineData("Wir treffen uns am Dienstag um zehn Uhr im großen Saal und besprechen dann gemeinsam den Haushalt.", 1.0645)]
    [InlineData("Thank you. Thank you. Thank you. Thank you. Thank you. Thank you. Thank you. Thank you.", 3.9545)]
    [InlineData("The the the the the the the the the the the the the the the the the the the the", 5.2667)]
    [InlineData("Amen. Amen.", 0.6875)]
    public void The_ratio_is_utf8_bytes_over_zlib_bytes(string text, double ratio)
    {
        CompressionRatio.Of(text).ShouldBe(ratio, tolerance: 0.0001);
    }

    [Fact]
    public void Empty_text_has_a_ratio_of_zero()
    {
        CompressionRatio.Of("").ShouldBe(0);
    }
}
