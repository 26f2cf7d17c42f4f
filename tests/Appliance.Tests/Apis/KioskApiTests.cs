using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using LiveStt.Appliance.Tests.Captions;
using LiveStt.Appliance.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveStt.Appliance.Tests.Apis;

/// <summary>The kiosk's PIN, session cookie, anti-forgery tokens and guess limit, through the real app on Kestrel.</summary>
public sealed class KioskApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_locked_kiosk_says_so_and_hands_out_an_anti_forgery_token()
    {
        await using var host = ApplianceTestHost.Start();
        using var kiosk = new KioskClient(host.BaseAddress);

        using var response = await kiosk.GetAsync("/api/kiosk");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var state = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        state.GetProperty("pinConfigured").GetBoolean().ShouldBeTrue();
        state.GetProperty("unlocked").GetBoolean().ShouldBeFalse();
        state.GetProperty("lockedForSeconds").GetInt32().ShouldBe(0);
        state.GetProperty("sessionIdleMinutes").GetInt32().ShouldBe(60);
        state.GetProperty("howToSetPin").ValueKind.ShouldBe(JsonValueKind.Null);
        state.GetProperty("csrfToken").GetString().ShouldNotBeNullOrEmpty();
        CookieHeader(response, "livestt-csrf").ShouldContain("samesite=strict");
    }

    [Fact]
    public async Task The_right_pin_opens_a_session_cookie_that_is_http_only_same_site_strict_and_not_secure_over_http()
    {
        await using var host = ApplianceTestHost.Start();
        using var kiosk = new KioskClient(host.BaseAddress);
        await kiosk.StateAsync();

        using var unlock = await kiosk.TryUnlockAsync(ApplianceTestHost.Pin);

        unlock.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = CookieHeader(unlock, "livestt-kiosk");
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=strict");
        cookie.ShouldNotContain("secure");
        cookie.ShouldNotContain("expires", Case.Insensitive, "a browser-session cookie; its ticket expires on the box");
        (await kiosk.StateAsync()).GetProperty("unlocked").GetBoolean().ShouldBeTrue();
        using var session = await kiosk.GetAsync("/api/session");
        session.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Under_https_the_kiosk_cookies_are_secure()
    {
        using var certificate = SelfSignedLoopbackCertificate();
        await using var host = ApplianceTestHost.Start(certificate: certificate);
        host.BaseAddress.Scheme.ShouldBe("https");
        using var kiosk = new KioskClient(host.BaseAddress, acceptAnyCertificate: true);

        using var state = await kiosk.GetAsync("/api/kiosk");
        CookieHeader(state, "livestt-csrf").ShouldContain("secure");
        await kiosk.StateAsync();
        using var unlock = await kiosk.TryUnlockAsync(ApplianceTestHost.Pin);

        unlock.StatusCode.ShouldBe(HttpStatusCode.OK);
        CookieHeader(unlock, "livestt-kiosk").ShouldContain("secure");
    }

    [Fact]
    public async Task Wrong_pins_are_counted_then_locked_out_with_a_growing_wait_that_the_page_can_show()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = ApplianceTestHost.Start(services: services => services.AddSingleton<TimeProvider>(time));
        using var kiosk = new KioskClient(host.BaseAddress);

        for (var left = 4; left >= 1; left--)
        {
            using var wrong = await kiosk.TryUnlockAsync("1111");
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            var problem = await wrong.Content.ReadFromJsonAsync<JsonElement>(Token);
            problem.GetProperty("title").GetString().ShouldBe("Wrong PIN");
            problem.GetProperty("attemptsLeft").GetInt32().ShouldBe(left);
            problem.GetProperty("detail").GetString().ShouldBe(left == 1
                ? "That PIN is not right. One more try before the kiosk makes you wait."
                : $"That PIN is not right. {left} more tries before the kiosk makes you wait.");
        }

        using (var fifth = await kiosk.TryUnlockAsync("1111"))
        {
            fifth.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            fifth.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
            var problem = await fifth.Content.ReadFromJsonAsync<JsonElement>(Token);
            problem.GetProperty("detail").GetString().ShouldBe("Too many wrong PINs. Try again in 30 seconds.");
            problem.GetProperty("lockedForSeconds").GetInt32().ShouldBe(30);
        }

        using (var right = await kiosk.TryUnlockAsync(ApplianceTestHost.Pin))
        {
            right.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "the right PIN waits out the lockout too");
        }

        (await kiosk.StateAsync()).GetProperty("lockedForSeconds").GetInt32().ShouldBe(30);
        time.Advance(TimeSpan.FromSeconds(31));
        using (var sixth = await kiosk.TryUnlockAsync("2222"))
        {
            sixth.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            sixth.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(60), "each miss past the free ones doubles the wait");
        }

        time.Advance(TimeSpan.FromSeconds(61));
        await kiosk.UnlockAsync(ApplianceTestHost.Pin);
        using var session = await kiosk.GetAsync("/api/session");
        session.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unlocked_kiosk_left_alone_locks_itself_after_the_idle_minutes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = ApplianceTestHost.Start(new Dictionary<string, string?> { ["Kiosk:SessionIdleMinutes"] = "20" }, services: services => services.AddSingleton<TimeProvider>(time));
        using var kiosk = await host.UnlockedKioskAsync();

        time.Advance(TimeSpan.FromMinutes(19));
        using (var stillOpen = await kiosk.GetAsync("/api/session"))
        {
            stillOpen.StatusCode.ShouldBe(HttpStatusCode.OK, "used within the idle time, the session slides on");
        }

        time.Advance(TimeSpan.FromMinutes(19));
        using (var slid = await kiosk.GetAsync("/api/session"))
        {
            slid.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        time.Advance(TimeSpan.FromMinutes(21));
        using var expired = await kiosk.GetAsync("/api/session");
        expired.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await kiosk.StateAsync()).GetProperty("unlocked").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task State_changing_requests_need_the_sessions_own_anti_forgery_token()
    {
        await using var host = ApplianceTestHost.Start();
        using var kiosk = await host.UnlockedKioskAsync();
        using var other = await host.UnlockedKioskAsync();

        using (var none = await kiosk.SendAsync(HttpMethod.Post, "/api/session/stop", withToken: false))
        {
            none.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await none.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("title").GetString().ShouldBe("Reload the kiosk page");
        }

        using (var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/session/stop"))
        {
            foreign.Headers.Add(KioskClient.AntiforgeryHeader, other.CsrfToken);
            using var response = await kiosk.Http.SendAsync(foreign, Token);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "another session's token does not fit this one's cookies");
        }

        using (var own = await kiosk.PostAsync("/api/session/stop"))
        {
            own.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var fresh = new KioskClient(host.BaseAddress);
        await fresh.StateAsync();
        using var unlockWithoutToken = await fresh.SendAsync(HttpMethod.Post, "/api/kiosk/unlock", new { pin = ApplianceTestHost.Pin }, withToken: false);
        unlockWithoutToken.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "even the unlock cannot be forged from another page");
    }

    [Fact]
    public async Task Locking_ends_the_session()
    {
        await using var host = ApplianceTestHost.Start();
        using var kiosk = await host.UnlockedKioskAsync();

        using (var locked = await kiosk.PostAsync("/api/kiosk/lock"))
        {
            locked.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using var after = await kiosk.GetAsync("/api/session");
        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("GET", "/api/session")]
    [InlineData("POST", "/api/session/start")]
    [InlineData("POST", "/api/session/stop")]
    [InlineData("POST", "/api/session/pause")]
    [InlineData("POST", "/api/session/resume")]
    [InlineData("GET", "/api/settings/input")]
    [InlineData("PUT", "/api/settings/input")]
    [InlineData("DELETE", "/api/settings/input")]
    [InlineData("GET", "/api/settings/vocabulary")]
    [InlineData("PUT", "/api/settings/vocabulary")]
    [InlineData("POST", "/hubs/kiosk/negotiate?negotiateVersion=1")]
    public async Task Everything_the_kiosk_unlocks_is_refused_without_it(string method, string path)
    {
        await using var host = ApplianceTestHost.Start();
        using var kiosk = new KioskClient(host.BaseAddress);
        await kiosk.StateAsync();

        // With a valid anti-forgery token, so that only the missing session is what refuses it.
        using var response = await kiosk.SendAsync(new HttpMethod(method), path, method is "PUT" ? new { } : null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/kiosk")]
    [InlineData("GET", "/kiosk/")]
    [InlineData("GET", "/kiosk/card.html")]
    [InlineData("GET", "/api/status")]
    [InlineData("GET", "/api/join")]
    [InlineData("GET", "/api/join/qr.svg")]
    [InlineData("POST", "/api/tickets")]
    public async Task The_viewer_and_what_it_needs_stay_public(string method, string path)
    {
        await using var host = ApplianceTestHost.Start();

        using var response = await host.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_a_pin_the_kiosk_unlocks_for_nobody_and_says_how_to_set_one()
    {
        await using var host = ApplianceTestHost.Start(new Dictionary<string, string?> { ["Kiosk:Pin"] = null });
        using var kiosk = new KioskClient(host.BaseAddress);

        var state = await kiosk.StateAsync();
        using var unlock = await kiosk.TryUnlockAsync("");
        using var guess = await kiosk.TryUnlockAsync("0000");

        state.GetProperty("pinConfigured").GetBoolean().ShouldBeFalse();
        state.GetProperty("howToSetPin").GetString()!.ShouldStartWith("No kiosk PIN is set on this box, so the kiosk stays locked.");
        unlock.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        guess.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await guess.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString()!.ShouldContain("Kiosk__PinFile");
    }

    private static string CookieHeader(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith(name + "=", StringComparison.Ordinal)).ToLowerInvariant();

    private static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs the private key in a form it can use: a round trip through PKCS#12 gives it one.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}
