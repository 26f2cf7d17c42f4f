using System.Net.Http.Headers;
using System.Text.Json;
using LiveStt.OpsAgent.Hosting;
using Microsoft.AspNetCore.Builder;

namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>
/// The real agent host with the pipeline its Program.cs puts on it, in this process, listening on a loopback port;
/// a client that sends the token.
/// </summary>
public sealed class AgentUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AgentUnderTest(WebApplication app, AgentSettings settings)
    {
        _app = app;
        Settings = settings;
    }

    public AgentSettings Settings { get; }
    public Uri Url { get; private set; } = null!;
    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };
    public IServiceProvider Services => _app.Services;

    public static async Task<AgentUnderTest> StartAsync(AgentSettings settings)
    {
        var app = OpsAgentHost.Build(settings.ToArgs("http://127.0.0.1:0"));
        Program.UsePipeline(app);
        var agent = new AgentUnderTest(app, settings);
        await app.StartAsync();
        agent.Url = new Uri(app.Urls.First());
        agent.Client.BaseAddress = agent.Url;
        agent.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AgentSettings.Token);
        return agent;
    }

    public Task<JsonElement> CheckAsync(string service, bool force = false) => Client.CheckAsync(service, force);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(Settings.StateDirectory, recursive: true);
    }
}
