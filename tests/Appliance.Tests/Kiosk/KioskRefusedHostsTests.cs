using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveStt.Appliance.Kiosk;
using LiveStt.Appliance.Tests.Captions;
using LiveStt.Appliance.Tests.Infrastructure;

namespace LiveStt.Appliance.Tests.Kiosk;

/// <summary>
/// Kiosk:RefusedHosts through the real app on Kestrel: a request that arrives with the public address's Host (as
/// balenaCloud's public device URL forwards it) cannot unlock the kiosk or use a session, while tickets still work
/// through it and the kiosk still opens on the box's own address.
/// </summary>
public sealed class KioskRefusedHostsTests
{
    private const string PublicHost = "0123456789abcdef0123456789abcdef.balena-devices.com";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ApplianceTestHost Start() =>
        ApplianceTestHost.Start(new Dictionary<string, string?> { ["Kiosk:RefusedHosts:0"] = "*.balena-devices.com" });

    private static KioskClient Through(ApplianceTestHost host, string hostHeader)
    {
        var kiosk = new KioskClient(host.BaseAddress);
        kiosk.Http.DefaultRequestHeaders.Host = hostHeader;
        return kiosk;
    }

    [Fact]
    public async Task The_right_pin_through_the_public_address_is_refused_before_it_is_checked()
    {
        await using var host = Start();
        using var kiosk = Through(host, PublicHost);

        using var unlock = await kiosk.TryUnlockAsync(ApplianceTestHost.Pin);

        unlock.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var problem = await unlock.Content.ReadFromJsonAsync<JsonElement>(Token);
        problem.GetProperty("title").GetString().ShouldBe("Not through this address");
        problem.GetProperty("detail").GetString().ShouldBe(KioskHostGate.Refusal);
        kiosk.Cookies.GetCookies(host.BaseAddress)["livestt-kiosk"].ShouldBeNull();
        (await kiosk.StateAsync()).GetProperty("lockedForSeconds").GetInt32().ShouldBe(0, "a refused request is no guess and counts toward no lockout");
    }

    [Fact]
    public async Task A_session_unlocked_on_the_box_address_is_no_key_through_the_public_address()
    {
        await using var host = Start();
        using var local = await host.UnlockedKioskAsync();
        using (var session = await local.GetAsync("/api/session"))
        {
            session.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        request.Headers.Host = PublicHost;
        using var stolen = await local.Http.SendAsync(request, Token);

        stolen.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var transcripts = new HttpRequestMessage(HttpMethod.Get, "/api/transcripts") { Headers = { Host = "BOX.Balena-Devices.com" } };
        (await local.Http.SendAsync(transcripts, Token)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Phones_still_get_tickets_through_the_public_address()
    {
        await using var host = Start();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Headers = { Host = PublicHost } };

        using var response = await http.SendAsync(request, Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Other_names_under_other_domains_are_not_refused()
    {
        await using var host = Start();
        using var kiosk = Through(host, "balena-devices.com.example");

        using var unlock = await kiosk.TryUnlockAsync(ApplianceTestHost.Pin);

        unlock.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void A_pattern_that_is_not_a_host_name_is_refused_at_start_up()
    {
        var options = new KioskOptions { Pin = "2468" };
        options.RefusedHosts.Add("https://x.balena-devices.com");
        options.RefusedHosts.Add("*.balena-devices.com");
        options.RefusedHosts.Add("box.local:80");

        new KioskOptionsValidator().Validate(null, options).Failures.ShouldBe(
        [
            "Kiosk:RefusedHosts:0 'https://x.balena-devices.com' must be a host name, or *. and a domain (no scheme, port or path).",
            "Kiosk:RefusedHosts:2 'box.local:80' must be a host name, or *. and a domain (no scheme, port or path).",
        ]);
    }
}
