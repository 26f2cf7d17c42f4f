using LiveStt.Appliance.Interop;

namespace LiveStt.Appliance.Tests.Interop;

public sealed class WhisperVersionTests
{
    [Theory]
    [InlineData("1.9.5")]
    [InlineData("1.9.5-dev")]
    [InlineData("1.9.0")]
    [InlineData("1.9.12+dfsg")]
    [InlineData(" 1.9.5\n")]
    public void Accepts_the_1_9_series(string version)
    {
        WhisperVersion.IsSupported(version).ShouldBeTrue();
    }

    [Theory]
    [InlineData("1.8.3")]
    [InlineData("1.10.0")]
    [InlineData("2.9.5")]
    [InlineData("0.1.9")]
    [InlineData("1.9")]
    [InlineData("11.9.5")]
    [InlineData("1.90.5")]
    [InlineData("v1.9.5")]
    [InlineData("1.9.5 garbage")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_anything_else(string? version)
    {
        WhisperVersion.IsSupported(version).ShouldBeFalse();
    }

    [Fact]
    public void The_refusal_names_the_found_version_and_the_package_to_install()
    {
        var message = WhisperVersion.DescribeUnsupported("1.10.2");

        message.ShouldContain("'1.10.2'");
        message.ShouldContain("1.9.x");
        message.ShouldContain("libwhisper1");
    }
}
