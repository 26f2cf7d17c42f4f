using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveStt.Appliance.Tests.Captions;

namespace LiveStt.Appliance.Tests.Apis;

/// <summary>What a volunteer saves on the kiosk: checked whole, kept on the data volume, and used where it belongs.</summary>
public sealed class SettingsApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Configured => new()
    {
        ["Audio:Source"] = "wav",
        ["Audio:Path"] = "/app/demo/demo.wav",
        ["Whisper:Language"] = "en",
    };

    [Fact]
    public async Task Until_something_is_saved_the_input_is_the_boxs_configuration()
    {
        await using var host = ApplianceTestHost.Start(Configured);
        using var kiosk = await host.UnlockedKioskAsync();

        var view = await kiosk.Http.GetFromJsonAsync<JsonElement>("/api/settings/input", Token);

        view.GetProperty("input").ToString().ShouldBe("""{"source":"wav","device":"default","url":null,"channel":"Mix","language":"en"}""");
        view.GetProperty("saved").GetBoolean().ShouldBeFalse();
        view.GetProperty("problem").ValueKind.ShouldBe(JsonValueKind.Null);
        view.GetProperty("appliesAtNextStart").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Invalid_input_settings_are_refused_with_every_problem_by_field_and_nothing_is_saved()
    {
        await using var host = ApplianceTestHost.Start(Configured);
        using var kiosk = await host.UnlockedKioskAsync();

        using var tape = await kiosk.PutAsync("/api/settings/input", new { source = "tape", channel = "Both", language = "en-GB" });
        using var stream = await kiosk.PutAsync("/api/settings/input", new { source = "stream", url = "ftp://10.0.0.2/feed", channel = "Left", language = "xx" });
        using var alsa = await kiosk.PutAsync("/api/settings/input", new { source = "alsa", channel = "Right", language = "de" });

        tape.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await tape.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Order().ShouldBe(["channel", "language", "source"]);
        errors.GetProperty("channel")[0].GetString().ShouldBe("Channel must be Mix, Left or Right.");
        errors.GetProperty("language")[0].GetString().ShouldBe("Language must be a language code such as 'en' or 'de', or 'auto' to detect it.");
        var streamErrors = (await stream.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors");
        streamErrors.GetProperty("url")[0].GetString()!.ShouldStartWith("The stream address");
        streamErrors.GetProperty("language")[0].GetString().ShouldBe("whisper does not know the language 'xx'; use a code such as 'en' or 'de', or 'auto'.");
        (await alsa.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").GetProperty("device")[0].GetString()
            .ShouldBe("Choose the capture device the sound desk is plugged into.");
        File.Exists(Path.Combine(host.DataDirectory, "settings", "input.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_saved_stream_survives_a_restart_and_its_password_never_comes_back_out()
    {
        const string Url = "rtsp://desk:s3cret@192.168.1.30/live";
        var data = Directory.CreateTempSubdirectory("livestt-settings-restart-").FullName;
        try
        {
            await using (var first = ApplianceTestHost.Start(Configured, dataDirectory: data))
            {
                using var kiosk = await first.UnlockedKioskAsync();
                using var saved = await kiosk.PutAsync("/api/settings/input", new { source = "stream", url = Url, channel = "Left", language = "auto" });
                saved.StatusCode.ShouldBe(HttpStatusCode.OK);
                var view = await saved.Content.ReadFromJsonAsync<JsonElement>(Token);
                view.GetProperty("input").GetProperty("url").GetString().ShouldBe("rtsp://desk:***@192.168.1.30/live");
                view.GetProperty("saved").GetBoolean().ShouldBeTrue();
                await first.StopKeepingDataAsync();
            }

            await using var second = ApplianceTestHost.Start(Configured, dataDirectory: data);
            using var again = await second.UnlockedKioskAsync();
            var after = await again.Http.GetFromJsonAsync<JsonElement>("/api/settings/input", Token);
            after.GetProperty("input").ToString().ShouldBe("""{"source":"stream","device":"default","url":"rtsp://desk:***@192.168.1.30/live","channel":"Left","language":"auto"}""");

            // The page sends back what it was shown: the saved address, password and all, is kept.
            using var resent = await again.PutAsync("/api/settings/input", new { source = "stream", url = "rtsp://desk:***@192.168.1.30/live", channel = "Right", language = "auto" });
            resent.StatusCode.ShouldBe(HttpStatusCode.OK);
            var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(data, "settings", "input.json"), Token)).RootElement;
            file.GetProperty("input").GetProperty("url").GetString().ShouldBe(Url);
            file.GetProperty("input").GetProperty("channel").GetString().ShouldBe("Right");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_damaged_settings_file_is_reported_and_the_configuration_applies_until_the_kiosk_saves_or_resets()
    {
        var data = Directory.CreateTempSubdirectory("livestt-settings-damaged-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(data, "settings"));
            await File.WriteAllTextAsync(Path.Combine(data, "settings", "input.json"), """{"input": {"source": "alsa", "chan""", Token);
            await using var host = ApplianceTestHost.Start(Configured, dataDirectory: data);
            using var kiosk = await host.UnlockedKioskAsync();

            var view = await kiosk.Http.GetFromJsonAsync<JsonElement>("/api/settings/input", Token);
            view.GetProperty("input").GetProperty("source").GetString().ShouldBe("wav");
            view.GetProperty("problem").GetString()!.ShouldEndWith("the box's configuration is used.");

            using var reset = await kiosk.DeleteAsync("/api/settings/input");
            reset.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await reset.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("problem").ValueKind.ShouldBe(JsonValueKind.Null);
            File.Exists(Path.Combine(data, "settings", "input.json")).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_vocabulary_with_a_broken_rule_is_refused_by_position_and_a_good_one_applies_at_once()
    {
        await using var host = ApplianceTestHost.Start(Configured);
        using var kiosk = await host.UnlockedKioskAsync();
        var path = Path.Combine(host.DataDirectory, "settings", "vocabulary.json");

        using var broken = await kiosk.PutAsync("/api/settings/vocabulary", new
        {
            glossary = new[] { "Nebuchadnezzar", "Habakkuk", "Habakkuk" },
            replacements = new object[] { new { find = "amazing grace", replace = "Amazing Grace" }, new { pattern = "(unclosed", replace = "x" } },
        });

        broken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await broken.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["glossary[2]", "replacements[1]"]);
        errors.GetProperty("glossary[2]")[0].GetString().ShouldBe("'Habakkuk' repeats glossary[1], left out.");
        errors.GetProperty("replacements[1]")[0].GetString()!.ShouldEndWith("Rule refused.");
        File.Exists(path).ShouldBeFalse("nothing is written when anything is wrong");

        using var good = await kiosk.PutAsync("/api/settings/vocabulary", new
        {
            glossary = new[] { "Nebuchadnezzar", "Habakkuk" },
            replacements = new object[] { new { find = "amazing grace", replace = "Amazing Grace" }, new { pattern = "\\bchapter (\\d+) verse (\\d+)\\b", replace = "$1:$2", matchCase = true } },
        });

        good.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await good.Content.ReadFromJsonAsync<JsonElement>(Token);
        view.GetProperty("status").GetProperty("rules").GetInt32().ShouldBe(2);
        view.GetProperty("status").GetProperty("glossaryEntries").GetInt32().ShouldBe(2);
        view.GetProperty("status").GetProperty("problems").GetArrayLength().ShouldBe(0);
        var status = await host.Http.GetFromJsonAsync<JsonElement>("/api/status", Token);
        status.GetProperty("vocabulary").GetProperty("rules").GetInt32().ShouldBe(2, "applied at once, not at the next poll");
        (await File.ReadAllTextAsync(path, Token)).ReplaceLineEndings("\n").ShouldBe("""
            {
              "glossary": [
                "Nebuchadnezzar",
                "Habakkuk"
              ],
              "replacements": [
                {
                  "find": "amazing grace",
                  "replace": "Amazing Grace"
                },
                {
                  "pattern": "\\bchapter (\\d+) verse (\\d+)\\b",
                  "replace": "$1:$2",
                  "matchCase": true
                }
              ]
            }
            """);
        var read = await kiosk.Http.GetFromJsonAsync<JsonElement>("/api/settings/vocabulary", Token);
        read.GetProperty("vocabulary").GetProperty("replacements")[1].GetProperty("pattern").GetString().ShouldBe("\\bchapter (\\d+) verse (\\d+)\\b");
    }
}
