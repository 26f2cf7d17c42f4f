using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiveStt.OpsAgent.Tests.Balena;

/// <summary>
/// Stands in for the balena supervisor's HTTP API (state, restart-service, journal-logs), which only exists on
/// balenaOS. It checks the API key the way the supervisor does and records what it was asked.
/// </summary>
public sealed class FakeSupervisor : IAsyncDisposable
{
    public const string ApiKey = "supervisor-key-d2c8a1f07b";
    public const string JournalSecret = "journal-pw-7731ab";
    private readonly WebApplication _app;

    private FakeSupervisor(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<FakeSupervisor> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSupervisor(app);
        app.Use(async (context, next) =>
        {
            if (context.Request.Query["apikey"] != ApiKey)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            using var reader = new StreamReader(context.Request.Body);
            fake.Requests.Enqueue($"{context.Request.Method} {context.Request.Path} {await reader.ReadToEndAsync()}");
            await next(context);
        });
        app.MapGet("/v2/state/status", () => Results.Text(
            """{"status":"success","appState":"applied","overallDownloadProgress":null,"containers":[{"serviceName":"appliance","status":"Running","releaseId":7}],"release":"abc123"}""",
            "application/json"));
        app.MapPost("/v2/applications/{appId}/restart-service", (string appId) => Results.Text("OK"));
        app.MapPost("/v2/journal-logs", () => Results.Text(
            $"2026-11-25T01:00:00+0000 device balena-supervisor[1]: Applying target state\n2026-11-25T01:00:01+0000 device app[2]: connecting with password={JournalSecret}\n2026-11-25T01:00:02+0000 device app[2]: polled /v2/state/status?apikey={ApiKey}\n",
            "text/plain"));
        await app.StartAsync();
        fake.Url = new Uri(app.Urls.First());
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
