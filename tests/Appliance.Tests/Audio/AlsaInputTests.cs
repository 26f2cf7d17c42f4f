using System.Text.Json;
using LiveStt.Appliance.Tests.Infrastructure;

namespace LiveStt.Appliance.Tests.Audio;

/// <summary>
/// Capture through the real libasound, without sound hardware: ALSA's file plugin reads raw PCM made from real
/// speech (its slave, the null PCM, has no clock, so these inputs are read as fast as the pipeline takes them:
/// Audio:Pacing AsFastAsPossible), defined in an asoundrc the appliance finds in its HOME.
/// </summary>
public sealed class AlsaInputTests(LiveInputFixture fixture) : IClassFixture<LiveInputFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_session_on_an_alsa_device_commits_captions_and_shows_its_input_and_the_device_list()
    {
        // In the format the appliance opens the device in (float, 16 kHz, stereo): ALSA's file plugin reads its raw file
        // as whatever format the plug in front negotiates, so a file the plug has to convert comes through garbled,
        // which the voice-activity model rightly does not take for speech.
        var raw = LiveInputFixture.Convert(Path.Combine(fixture.Folder, "desk-16k-stereo-float.raw"), "-stream_loop", "2", "-i", LiveInputFixture.Speech, "-ar", "16000", "-ac", "2", "-f", "f32le");
        var home = Home(FilePcm("desk", raw, "FLOAT_LE", 16_000, 2, description: "Test desk feed"));
        await using var appliance = await ApplianceProcess.StartAsync(fixture.Settings(("HOME", home), ("Audio__Source", "alsa"), ("Audio__Device", "desk"), ("Audio__Pacing", "AsFastAsPossible")));
        await using var phone = await LiveCaptionClient.ConnectAsync(appliance);

        await phone.WaitForCommittedAsync(Patience);
        var input = (await appliance.StatusAsync()).GetProperty("session").GetProperty("input");
        var devices = JsonDocument.Parse(await appliance.Http.GetStringAsync("/api/audio/devices", TestContext.Current.CancellationToken)).RootElement;

        input.GetProperty("kind").GetString().ShouldBe("alsa");
        input.GetProperty("description").GetString().ShouldBe("desk");
        input.GetProperty("state").GetString().ShouldBe("receiving");
        input.GetProperty("reason").ValueKind.ShouldBe(JsonValueKind.Null);
        input.GetProperty("levelDbfs").GetDouble().ShouldBeGreaterThan(-120);
        input.GetProperty("reconnects").GetInt64().ShouldBe(0);
        devices.EnumerateArray().Select(d => d.ToString()).ShouldContain("""{"name":"desk","description":"Test desk feed","card":null}""");
    }

    [Fact]
    public async Task A_device_that_is_not_there_yet_is_tried_again_and_captioned_once_it_appears()
    {
        var raw = Path.Combine(fixture.Folder, "late.raw");
        var home = Home(FilePcm("late", raw, "FLOAT_LE", 16_000, 2));
        await using var appliance = await ApplianceProcess.StartAsync(fixture.Settings(("HOME", home), ("Audio__Source", "alsa"), ("Audio__Device", "late"), ("Audio__Pacing", "AsFastAsPossible")));
        await using var phone = await LiveCaptionClient.ConnectAsync(appliance);

        var missing = await appliance.WaitForStatusAsync(s => ApplianceProcess.InputOf(s).GetProperty("state").GetString() == "no-audio", Patience, "no audio from the missing device");
        ApplianceProcess.InputOf(missing).GetProperty("reason").GetString().ShouldBe("ALSA has no capture device 'late' (No such file or directory); check Audio:Device against the devices the box lists (GET /api/audio/devices).");
        missing.GetProperty("session").GetProperty("state").GetString().ShouldBe("live");

        // In the format the appliance opens it in, so the plug passes it through (see the first test).
        LiveInputFixture.Convert(raw + ".tmp", "-stream_loop", "2", "-i", LiveInputFixture.Speech, "-ar", "16000", "-ac", "2", "-f", "f32le");
        File.Move(raw + ".tmp", raw);

        var back = await appliance.WaitForStatusAsync(s => ApplianceProcess.InputOf(s).GetProperty("state").GetString() == "receiving", Patience, "the device to be captured once it exists");
        ApplianceProcess.InputOf(back).GetProperty("reconnects").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        await phone.WaitForCommittedAsync(Patience);
    }

    [Fact]
    public async Task A_device_name_alsa_does_not_know_is_reported_with_what_to_check()
    {
        await using var appliance = await ApplianceProcess.StartAsync(fixture.Settings(("HOME", Home()), ("Audio__Source", "alsa"), ("Audio__Device", "plughw:CARD=NoSuchCard,DEV=0")));

        var status = await appliance.WaitForStatusAsync(s => ApplianceProcess.InputOf(s).GetProperty("state").GetString() == "no-audio", Patience, "the unknown device to be reported");

        ApplianceProcess.InputOf(status).GetProperty("reason").GetString().ShouldBe("ALSA finds no device 'plughw:CARD=NoSuchCard,DEV=0' (No such device): is it plugged in, and is Audio:Device spelt as GET /api/audio/devices lists it?");
        status.GetProperty("session").GetProperty("state").GetString().ShouldBe("live");
    }

    [Theory]
    [InlineData("tone on the left, left channel", "Left", -20.0, false)]
    [InlineData("tone on the left, right channel", "Right", -120.0, false)]
    [InlineData("full-scale square wave, mixed", "Mix", 3.0, true)]
    public async Task The_input_level_is_read_from_the_chosen_channel_and_full_scale_counts_as_clipping(string signal, string channel, double levelDbfs, bool clips)
    {
        // 1 kHz at -20 dBFS (peak 0.1) on the left only, silence on the right; or a 500 Hz square wave at full scale on both.
        var square = "if(lt(mod(t\\,0.002)\\,0.001)\\,1\\,-1)";
        var signalGraph = clips ? $"aevalsrc={square}|{square}:d=20:s=48000" : "aevalsrc=0.1*sin(2*PI*1000*t)|0:d=20:s=48000";
        var raw = LiveInputFixture.Convert(Path.Combine(fixture.Folder, $"{channel}-{clips}.raw"), "-f", "lavfi", "-i", signalGraph, "-f", "s16le", "-ac", "2");
        var home = Home(FilePcm("meter", raw, "S16_LE", 48_000, 2));
        await using var appliance = await ApplianceProcess.StartAsync(fixture.Settings(("HOME", home), ("Audio__Source", "alsa"), ("Audio__Device", "meter"), ("Audio__Channel", channel), ("Audio__Pacing", "AsFastAsPossible")));

        var status = await appliance.WaitForStatusAsync(s => ApplianceProcess.InputOf(s).GetProperty("levelDbfs").ValueKind == JsonValueKind.Number, Patience, $"a level for {signal}");

        TestContext.Current.SendDiagnosticMessage($"{signal}: {ApplianceProcess.InputOf(status)}");
        ApplianceProcess.InputOf(status).GetProperty("levelDbfs").GetDouble().ShouldBe(levelDbfs, 1.0, signal);
        (ApplianceProcess.InputOf(status).GetProperty("clipping").GetInt64() > 0).ShouldBe(clips, signal);
    }


    /// <summary>A capture PCM named <paramref name="name"/> that reads raw PCM from <paramref name="file"/>, converted by a plug in front.</summary>
    private static string FilePcm(string name, string file, string format, int rate, int channels, string? description = null) => $$"""
        pcm.{{name}}_file {
            type file
            slave.pcm "null"
            file "/dev/null"
            infile "{{file}}"
            format "raw"
        }
        pcm.{{name}} {
            type plug
            slave {
                pcm "{{name}}_file"
                format {{format}}
                rate {{rate}}
                channels {{channels}}
            }
            {{(description is null ? "" : $"hint.description \"{description}\"")}}
        }

        """;

    /// <summary>A HOME folder whose .asoundrc defines <paramref name="pcms"/>.</summary>
    private string Home(params string[] pcms)
    {
        var home = Directory.CreateDirectory(Path.Combine(fixture.Folder, "home-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        File.WriteAllText(Path.Combine(home, ".asoundrc"), string.Concat(pcms));
        return home;
    }
}
