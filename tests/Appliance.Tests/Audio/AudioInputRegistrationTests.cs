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
        options.Device.ShouldBe("default");
        options.Url.ShouldBeNull();
        options.StallTimeoutMs.ShouldBe(3000);
        options.Channel.ShouldBe(AudioChannel.Mix);
    }

    [Fact]
    public void Every_invalid_setting_is_reported_at_once()
    {
        var result = new AudioOptionsValidator().Validate(null, new AudioOptions { Source = "usb", FrameMs = 5, StallTimeoutMs = 100, Pacing = (AudioPacing)9, Channel = (AudioChannel)7 });

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldBe(
        [
            "Audio:Source 'usb' is not a known input kind; use 'wav', 'alsa', 'stream'.",
            "Audio:FrameMs must be between 10 and 1000; it is 5.",
            "Audio:StallTimeoutMs must be between 500 and 60000; it is 100.",
            "Audio:Pacing must be RealTime or AsFastAsPossible.",
            "Audio:Channel must be Mix, Left or Right.",
        ]);
    }

    [Theory]
    [InlineData(null, "Audio:Url is not set; give the stream's address, e.g. srt://192.168.1.20:9000 or http://stream-pc:8000/live.mp3.")]
    [InlineData("htp://stream-pc:8000/live", "Audio:Url 'htp://stream-pc:8000/live' starts with 'htp://', which is not a stream kind the appliance reads; use one of srt://, rtmp://, rtmps://, rtsp://, rtsps://, rtp://, udp://, http://, https://, or the path of an .sdp file for RTP.")]
    [InlineData("stream-pc:8000", "Audio:Url 'stream-pc:8000' is not a stream address; it should look like srt://192.168.1.20:9000 or http://stream-pc:8000/live.mp3.")]
    [InlineData("192.168.1.20", "Audio:Url '192.168.1.20' is not a stream address; it should look like srt://192.168.1.20:9000 or http://stream-pc:8000/live.mp3.")]
    [InlineData("/etc/livestt/aes67.sdp", "Audio:Url names the SDP file '/etc/livestt/aes67.sdp', which does not exist.")]
    public void A_stream_url_that_cannot_be_read_is_refused_with_what_to_write_instead(string? url, string expected)
    {
        var result = new AudioOptionsValidator().Validate(null, new AudioOptions { Source = "stream", Url = url });

        result.Failures.ShouldHaveSingleItem().ShouldBe(expected);
    }

    [Theory]
    [InlineData("srt://192.168.1.20:9000?mode=caller")]
    [InlineData("rtmp://stream-pc/live/desk")]
    [InlineData("rtsp://camera.local:554/audio")]
    [InlineData("udp://0.0.0.0:5004")]
    [InlineData("http://stream-pc:8000/live.mp3")]
    [InlineData("https://church.example/hls/live.m3u8")]
    public void Every_stream_kind_ffmpeg_reads_is_accepted(string url)
    {
        new AudioOptionsValidator().Validate(null, new AudioOptions { Source = "stream", Url = url }).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void An_alsa_input_needs_a_device_name()
    {
        new AudioOptionsValidator().Validate(null, new AudioOptions { Source = "alsa", Device = " " }).Failures.ShouldHaveSingleItem()
            .ShouldBe("Audio:Device is empty; name the ALSA capture device, e.g. 'default' or 'plughw:CARD=CODEC,DEV=0'.");
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

        var source = Create(provider);
        source.Description.ShouldBe("wav:/app/demo/demo.wav");
        source.IsLive.ShouldBeFalse();
        source.Status.ShouldBe(new AudioInputStatus("wav", "/app/demo/demo.wav", AudioInputStates.Connecting, null, null, null, 0, 0, 0, 0));
    }

    [Fact]
    public void A_stream_source_is_live_and_shows_its_url_without_secrets()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["Audio:Source"] = "stream",
            ["Audio:Url"] = "rtsp://desk:s3cret@192.168.1.30/live?token=abc&channel=2",
        });

        var source = Create(provider);

        source.Description.ShouldBe("stream:rtsp://desk:***@192.168.1.30/live?token=***&channel=2");
        source.IsLive.ShouldBeTrue();
        source.Status.Kind.ShouldBe("stream");
        source.Status.Description.ShouldBe("rtsp://desk:***@192.168.1.30/live?token=***&channel=2");
    }

    [Theory]
    [InlineData("RealTime", true)]
    [InlineData("AsFastAsPossible", false)]
    public void An_alsa_source_is_live_unless_its_device_has_no_clock(string pacing, bool live)
    {
        using var provider = Services(new Dictionary<string, string?> { ["Audio:Source"] = "alsa", ["Audio:Device"] = "plughw:CARD=CODEC,DEV=0", ["Audio:Pacing"] = pacing });

        var source = Create(provider);

        source.Description.ShouldBe("alsa:plughw:CARD=CODEC,DEV=0");
        source.IsLive.ShouldBe(live);
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

        Should.Throw<AudioSourceException>(() => Create(provider))
            .Message.ShouldBe("Audio:Path is not set, so there is no WAV file to play.");
    }

    private static IAudioSource Create(ServiceProvider provider) =>
        provider.GetRequiredService<IAudioSourceFactory>().Create(provider.GetRequiredService<IOptions<AudioOptions>>().Value);

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddAudioInput(configuration);
        return services.BuildServiceProvider();
    }
}
