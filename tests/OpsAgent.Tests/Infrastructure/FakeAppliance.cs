using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>
/// Serves the appliance's /healthz and /api/status (the shape the real appliance exposes) on a loopback port,
/// with a session state the test sets.
/// </summary>
public sealed class FakeAppliance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeAppliance(WebApplication app) => _app = app;

    public string SessionState { get; set; } = "idle";
    public bool AudioAlive { get; set; } = true;
    public double LagMs { get; set; } = 120;
    public Uri Url { get; private set; } = null!;

    public static async Task<FakeAppliance> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeAppliance(app);
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/api/status", () => Results.Text(JsonSerializer.Serialize(new
        {
            whisper = new { loaded = true },
            model = new { name = "tiny" },
            session = new
            {
                sessionId = fake.SessionState == "idle" ? null : "s-1",
                state = fake.SessionState,
                startedAt = (string?)null,
                source = "test",
                audioAlive = fake.AudioAlive,
                lagMs = fake.LagMs,
                droppedAudioMs = 0,
                committedLines = 3,
                error = fake.SessionState == "faulted" ? "capture device vanished" : null,
            },
        }), "application/json"));
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
