using LiveStt.Appliance.Guards;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Tests.Guards;

public sealed class GuardsServiceCollectionExtensionsTests
{
    [Fact]
    public void Options_bind_from_the_guards_section()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Guards:CompressionRatioThreshold"] = "3",
            ["Guards:MaxWordRepeats"] = "4",
            ["Guards:BlocklistEnabled"] = "false",
            ["Guards:Blocklist:0"] = "Transcribed by ESO",
            ["Guards:Blocklist:1"] = "[Fan noise]",
        });

        var options = provider.GetRequiredService<IOptions<GuardOptions>>().Value;

        options.CompressionRatioThreshold.ShouldBe(3);
        options.MaxWordRepeats.ShouldBe(4);
        options.BlocklistEnabled.ShouldBeFalse();
        options.Blocklist.ShouldBe(["Transcribed by ESO", "[Fan noise]"]);
        options.MaxPhraseRepeats.ShouldBe(2);
    }

    [Fact]
    public void Invalid_options_fail_with_every_error_listed()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Guards:MaxWordRepeats"] = "0",
            ["Guards:Blocklist:0"] = "",
        });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GuardOptions>>().Value);

        error.Failures.ShouldBe(["Guards:MaxWordRepeats must be between 1 and 50; it is 0.", "Guards:Blocklist:0 is empty."]);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddCaptionGuards(configuration).BuildServiceProvider();
    }
}
