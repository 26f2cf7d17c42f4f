using LiveStt.Appliance.Audio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Tests.Audio;

public sealed class AudioInputRegistrationTests
{
    [Fact]
    public void Defaults_are_valid_and_match_the_documented_values()
    {
        var options = new AudioOptions();

        new AudioOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
        options.Source.ShouldBe("wav");
        options.Loop.ShouldBeFalse();
        options.Pacing.ShouldBe(AudioPacing.RealTime);
        options.FrameMs.ShouldBe(100);
    }

    [Fact]
    public void Every_invalid_setting_is_reported_at_once()
    {
        var result = new AudioOptionsValidator().Validate(null, new AudioOptions { Source = "alsa", FrameMs = 5, Pacing = (AudioPacing)9 });

        result.Failed.ShouldBeTrue();
        result.Failures!.Count().ShouldBe(3);
        result.FailureMessage.ShouldContain("Audio:Source 'alsa'");
        result.FailureMessage.ShouldContain("Audio:FrameMs must be between 10 and 1000; it is 5");
        result.FailureMessage.ShouldContain("Audio:Pacing");
    }

    [Fact]
    public void The_section_binds_and_the_factory_makes_the_configured_source()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["Audio:Source"] = "WAV",
            ["Audio:Path"] = "/app/demo/demo.wav",
            ["Audio:Loop"] = "true",
            ["Audio:Pacing"] = "AsFastAsPossible",
            ["Audio:FrameMs"] = "40",
        });

        var options = provider.GetRequiredService<IOptions<AudioOptions>>().Value;
        options.Loop.ShouldBeTrue();
        options.Pacing.ShouldBe(AudioPacing.AsFastAsPossible);
        options.FrameMs.ShouldBe(40);

        var source = provider.GetRequiredService<IAudioSourceFactory>().Create();
        source.Description.ShouldBe("wav:/app/demo/demo.wav");
        source.IsLive.ShouldBeFalse();
    }

    [Fact]
    public void Invalid_settings_fail_when_options_are_read()
    {
        using var provider = Services(new Dictionary<string, string?> { ["Audio:FrameMs"] = "0" });

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AudioOptions>>().Value)
            .Message.ShouldContain("Audio:FrameMs");
    }

    [Fact]
    public void Without_a_path_the_factory_says_so()
    {
        using var provider = Services([]);

        Should.Throw<AudioSourceException>(() => provider.GetRequiredService<IAudioSourceFactory>().Create())
            .Message.ShouldBe("Audio:Path is not set, so there is no WAV file to play.");
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddAudioInput(configuration);
        return services.BuildServiceProvider();
    }
}
