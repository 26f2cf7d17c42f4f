using System.Net;
using LiveStt.Appliance.Tests.Captions;
using LiveStt.Appliance.Tests.Infrastructure;

namespace LiveStt.Appliance.Tests.Kiosk;

/// <summary>
/// The data-protection keys that sign the kiosk cookie and its anti-forgery tokens are kept on the data volume, so
/// an unlocked kiosk stays unlocked across a restart or an update of the appliance.
/// </summary>
public sealed class KioskKeyPersistenceTests
{
    [Fact]
    public async Task A_kiosk_cookie_and_anti_forgery_token_from_before_a_restart_still_work_after_it()
    {
        var data = Directory.CreateTempSubdirectory("livestt-kiosk-keys-").FullName;
        try
        {
            CookieCollection cookies;
            string token;
            await using (var first = ApplianceTestHost.Start(dataDirectory: data))
            {
                using var kiosk = await first.UnlockedKioskAsync();
                cookies = kiosk.Cookies.GetAllCookies();
                token = kiosk.CsrfToken.ShouldNotBeNull();
                await first.StopKeepingDataAsync();
            }

            Directory.GetFiles(Path.Combine(data, "keys"), "key-*.xml").ShouldHaveSingleItem("the key ring is on the data volume");

            await using var second = ApplianceTestHost.Start(dataDirectory: data);
            using var returning = BrowserWith(second.BaseAddress, cookies);
            using (var session = await returning.GetAsync("/api/session"))
            {
                session.StatusCode.ShouldBe(HttpStatusCode.OK, "the kiosk cookie from before the restart still signs in");
            }

            using var locked = await LockAsync(returning, token);
            locked.StatusCode.ShouldBe(HttpStatusCode.NoContent, "the anti-forgery token from before the restart is still accepted");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task On_a_box_with_other_keys_the_same_cookie_and_token_are_refused()
    {
        // The control for the test above: without the same key ring, neither survives.
        CookieCollection cookies;
        string token;
        await using (var first = ApplianceTestHost.Start())
        {
            using var kiosk = await first.UnlockedKioskAsync();
            cookies = kiosk.Cookies.GetAllCookies();
            token = kiosk.CsrfToken.ShouldNotBeNull();
        }

        await using var other = ApplianceTestHost.Start();
        using var stranger = BrowserWith(other.BaseAddress, cookies);
        using (var session = await stranger.GetAsync("/api/session"))
        {
            session.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var locked = await LockAsync(stranger, token);
        locked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static KioskClient BrowserWith(Uri baseAddress, CookieCollection cookies)
    {
        var browser = new KioskClient(baseAddress);
        browser.Cookies.Add(cookies);
        return browser;
    }

    private static Task<HttpResponseMessage> LockAsync(KioskClient browser, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/kiosk/lock");
        request.Headers.Add(KioskClient.AntiforgeryHeader, token);
        return browser.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
