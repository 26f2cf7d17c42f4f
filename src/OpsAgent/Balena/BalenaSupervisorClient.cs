using System.Net.Http.Json;
using System.Text.Json;

namespace LiveStt.OpsAgent.Balena;

/// <summary>The parts of the balena supervisor API the agent uses: state, service restart and journal logs.</summary>
internal sealed class BalenaSupervisorClient(HttpClient http, BalenaEnvironment balena)
{
    /// <summary>The supervisor's view of the device's services (GET /v2/state/status).</summary>
    public async Task<JsonElement> GetStateAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Address("/v2/state/status"), cancellationToken);
        await EnsureSuccessAsync(response, "state", cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    /// <summary>Restarts one service of the app through the supervisor.</summary>
    public async Task RestartServiceAsync(string serviceName, CancellationToken cancellationToken)
    {
        var appId = balena.AppId ?? throw new InvalidOperationException("BALENA_APP_ID is not set; the supervisor needs it to restart a service");
        using var response = await http.PostAsJsonAsync(Address($"/v2/applications/{Uri.EscapeDataString(appId)}/restart-service"), new { serviceName }, cancellationToken);
        await EnsureSuccessAsync(response, "restart-service", cancellationToken);
    }

    /// <summary>The host's journal since the given time, as text (POST /v2/journal-logs).</summary>
    public async Task<Stream> GetJournalAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var body = new { follow = false, all = true, format = "short-iso", since = since.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) };
        var response = await http.PostAsJsonAsync(Address("/v2/journal-logs"), body, cancellationToken);
        await EnsureSuccessAsync(response, "journal-logs", cancellationToken);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    private Uri Address(string path) =>
        new(balena.SupervisorAddress!, $"{path}?apikey={Uri.EscapeDataString(balena.ApiKey!)}");

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            // The request URI carries the API key; report only the status and the supervisor's words.
            throw new HttpRequestException($"balena supervisor {what} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 200)]}");
        }
    }
}
