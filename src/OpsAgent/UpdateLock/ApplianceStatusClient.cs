using System.Text.Json;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.UpdateLock;

/// <summary>Reads the appliance's /healthz and /api/status over HTTP.</summary>
internal interface IApplianceStatusClient
{
    /// <summary>The appliance's status, or null when it cannot be read (the appliance is down or too old).</summary>
    Task<ApplianceStatus?> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>Null when /healthz answers success; otherwise why not.</summary>
    Task<string?> CheckLivenessAsync(CancellationToken cancellationToken);
}

internal sealed class ApplianceStatusClient(HttpClient http, IOptions<OpsAgentOptions> options) : IApplianceStatusClient
{
    public async Task<ApplianceStatus?> GetStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(options.Value.ApplianceUrl, "/api/status"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            if (!document.RootElement.TryGetProperty("session", out var session) || session.ValueKind != JsonValueKind.Object)
            {
                return new ApplianceStatus(null, null, null, null);
            }
            return new ApplianceStatus(
                String(session, "state"),
                session.TryGetProperty("audioAlive", out var alive) && alive.ValueKind is JsonValueKind.True or JsonValueKind.False ? alive.GetBoolean() : null,
                session.TryGetProperty("lagMs", out var lag) && lag.ValueKind == JsonValueKind.Number ? lag.GetDouble() : null,
                String(session, "error"));
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public async Task<string?> CheckLivenessAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(options.Value.ApplianceUrl, "/healthz"), cancellationToken);
            return response.IsSuccessStatusCode ? null : $"/healthz answered {(int)response.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"/healthz unreachable: {ex.Message}";
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
