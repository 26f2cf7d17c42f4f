using LiveStt.Appliance.Transcription;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Tests.Transcription;

public sealed class WhisperServiceCollectionExtensionsTests
{
    [Fact]
    public void Options_bind_from_the_whisper_section()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Whisper:Language"] = "de",
            ["Whisper:Threads"] = "2",
            ["Whisper:TemperatureIncrement"] = "0",
            ["Whisper:UseGpu"] = "false",
        });

        var options = provider.GetRequiredService<IOptions<WhisperOptions>>().Value;

        options.Language.ShouldBe("de");
        options.Threads.ShouldBe(2);
        options.TemperatureIncrement.ShouldBe(0f);
        options.UseGpu.ShouldBeFalse();
        options.TokenTimestamps.ShouldBeTrue();
    }

    [Fact]
    public void The_runtime_resolves_as_a_singleton_without_loading_the_native_library()
    {
        using var provider = Build([]);

        var first = provider.GetRequiredService<IWhisperRuntime>();

        first.ShouldBeSameAs(provider.GetRequiredService<IWhisperRuntime>());
        first.ShouldBeOfType<WhisperRuntime>();
    }

    [Fact]
    public void Invalid_options_fail_with_every_error_listed()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Whisper:Threads"] = "0",
            ["Whisper:NoSpeechThreshold"] = "2",
        });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WhisperOptions>>().Value);

        error.Failures.Count().ShouldBe(2);
        error.Message.ShouldContain("Whisper:Threads");
        error.Message.ShouldContain("Whisper:NoSpeechThreshold");
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWhisper(configuration);
        return services.BuildServiceProvider();
    }
}
