using System.Globalization;
using System.Net;
using System.Text.Json;
using Docker.DotNet;

namespace LiveStt.OpsAgent.Engine;

/// <summary>
/// What a failed Docker Engine call says, in one line for the history, the API and the log: the engine's own
/// message and status rather than the client's wrapping of the raw response body.
/// </summary>
internal static class EngineError
{
    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is not DockerApiException api)
        {
            return OneLine(error.Message);
        }
        var message = EngineMessage(api.ResponseBody) ?? api.ResponseBody;
        var status = string.Create(CultureInfo.InvariantCulture, $"{(int)api.StatusCode} {StatusText(api.StatusCode)}");
        return string.IsNullOrWhiteSpace(message) ? $"the engine answered {status}" : $"the engine answered {status}: {OneLine(message)}";
    }

    private static string? EngineMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string StatusText(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.Conflict => "Conflict",
        HttpStatusCode.InternalServerError => "Internal Server Error",
        HttpStatusCode.BadRequest => "Bad Request",
        HttpStatusCode.NotModified => "Not Modified",
        _ => status.ToString(),
    };

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
