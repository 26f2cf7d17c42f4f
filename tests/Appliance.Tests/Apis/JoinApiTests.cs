using System.Net.Http.Json;
using System.Text.Json;
using LiveStt.Appliance.Tests.Captions;

namespace LiveStt.Appliance.Tests.Apis;

public sealed class JoinApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_public_url_phones_join_at_the_address_the_kiosk_was_opened_on()
    {
        await using var host = ApplianceTestHost.Start();

        var join = await host.Http.GetFromJsonAsync<JsonElement>("/api/join", Token);

        join.GetProperty("url").GetString().ShouldBe(host.BaseAddress.ToString());
        join.GetProperty("wifiName").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_public_url_and_wifi_name_come_from_the_settings_and_the_qr_code_is_an_svg_made_on_the_box()
    {
        await using var host = ApplianceTestHost.Start(new Dictionary<string, string?>
        {
            ["Captions:PublicUrl"] = "http://captions.local/",
            ["Captions:WifiName"] = "St John's Guest",
        });

        var join = await host.Http.GetFromJsonAsync<JsonElement>("/api/join", Token);
        using var qr = await host.Http.GetAsync("/api/join/qr.svg", Token);

        join.ToString().ShouldBe("""{"url":"http://captions.local/","wifiName":"St John's Guest"}""");
        qr.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        var svg = await qr.Content.ReadAsStringAsync(Token);
        svg.ShouldStartWith("<svg");
        svg.ShouldContain("viewBox=");
    }

    [Fact]
    public void A_public_url_that_is_not_a_web_address_and_an_overlong_wifi_name_stop_the_start()
    {
        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => ApplianceTestHost.Start(new Dictionary<string, string?>
        {
            ["Captions:PublicUrl"] = "captions.local",
            ["Captions:WifiName"] = new string('w', 33),
        }));

        error.Failures.ShouldBe(
        [
            "Captions:PublicUrl must be an http:// or https:// address phones can open, such as http://captions.local/; it is 'captions.local'.",
            "Captions:WifiName is 33 characters; a Wi-Fi network name has at most 32.",
        ]);
    }
}
