using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>
/// A registry address that records every request and knows no image (404, as a registry answers for an unknown
/// tag): for tests that must show a refused request never reached a registry. Tests of real pulls use the
/// fixture's docker-registry.
/// </summary>
public sealed class RegistryProbe : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RegistryProbe(WebApplication app) => _app = app;

    /// <summary>"METHOD path" of each request, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>host:port, as an image reference names a registry.</summary>
    public string Host { get; private set; } = "";

    public static async Task<RegistryProbe> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var probe = new RegistryProbe(app);
        app.Run(context =>
        {
            probe.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        probe.Host = new Uri(app.Urls.First()).Authority;
        return probe;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
