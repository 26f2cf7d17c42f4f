using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveStt.Appliance.Tests.Infrastructure;

/// <summary>
/// A browser at the kiosk, as far as the appliance can tell: keeps its cookies, reads the anti-forgery token from
/// <c>GET /api/kiosk</c> and sends it on every state-changing request, as the kiosk page does.
/// </summary>
internal sealed class KioskClient : IDisposable
{
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    private readonly HttpClient http;

    /// <param name="acceptAnyCertificate">For a test host on HTTPS with a certificate of its own making.</param>
    public KioskClient(Uri baseAddress, bool acceptAnyCertificate = false)
    {
        Cookies = new CookieContainer();
        var handler = new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false };
        if (acceptAnyCertificate)
        {
            handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
        }

        http = new HttpClient(handler)
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => http;

    /// <summary>The anti-forgery token last handed out; sent as <see cref="AntiforgeryHeader"/>.</summary>
    public string? CsrfToken { get; private set; }

    /// <summary>Reads the kiosk's state (and so its anti-forgery token).</summary>
    public async Task<JsonElement> StateAsync()
    {
        var state = await http.GetFromJsonAsync<JsonElement>("/api/kiosk", TestContext.Current.CancellationToken);
        CsrfToken = state.GetProperty("csrfToken").GetString();
        return state;
    }

    /// <summary>Tries <paramref name="pin"/>; on success keeps the session's anti-forgery token.</summary>
    public async Task<HttpResponseMessage> TryUnlockAsync(string pin)
    {
        if (CsrfToken is null)
        {
            await StateAsync();
        }

        var response = await SendAsync(HttpMethod.Post, "/api/kiosk/unlock", new { pin });
        if (response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            CsrfToken = body.GetProperty("csrfToken").GetString();
        }

        return response;
    }

    /// <summary>Unlocks with <paramref name="pin"/> or fails the test.</summary>
    public async Task<KioskClient> UnlockAsync(string pin)
    {
        using var response = await TryUnlockAsync(pin);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return this;
    }

    /// <summary>A request with the anti-forgery token (unless <paramref name="withToken"/> is false) and a JSON body, if any.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, bool withToken = true)
    {
        var request = new HttpRequestMessage(method, path);
        if (withToken && CsrfToken is not null)
        {
            request.Headers.Add(AntiforgeryHeader, CsrfToken);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<HttpResponseMessage> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path, TestContext.Current.CancellationToken);

    public void Dispose() => http.Dispose();
}
