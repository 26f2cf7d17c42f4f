using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>A remote developer's unlocked kiosk session over HTTP: the PIN, the session cookie, the anti-forgery token.</summary>
internal sealed class KioskSession : IDisposable
{
    private readonly HttpClient client;
    private string csrfToken = "";

    private KioskSession(Uri baseAddress)
    {
        client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public static async Task<KioskSession> UnlockAsync(ApplianceContainer appliance, string pin)
    {
        var session = new KioskSession(appliance.BaseAddress);
        try
        {
            var state = await session.client.GetFromJsonAsync<JsonElement>("/api/kiosk");
            session.csrfToken = state.GetProperty("csrfToken").GetString()!;
            using var unlocked = await session.SendAsync(HttpMethod.Post, "/api/kiosk/unlock", new { pin });
            unlocked.StatusCode.ShouldBe(HttpStatusCode.OK, await unlocked.Content.ReadAsStringAsync());
            session.csrfToken = (await unlocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString()!;
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public Task<JsonElement> GetJsonAsync(string path) => client.GetFromJsonAsync<JsonElement>(path);

    public Task<string> GetStringAsync(string path) => client.GetStringAsync(path);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-CSRF-TOKEN", csrfToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return client.SendAsync(request);
    }

    public void Dispose() => client.Dispose();
}
