using System.Net;
using System.Net.Http.Headers;
using LiveStt.OpsAgent.Tests.Infrastructure;

namespace LiveStt.OpsAgent.Tests.Security;

public sealed class AuthenticationTests : IAsyncLifetime
{
    private FakeAppliance _appliance = null!;

    public async ValueTask InitializeAsync() => _appliance = await FakeAppliance.StartAsync();

    public async ValueTask DisposeAsync() => await _appliance.DisposeAsync();

    [Fact]
    public async Task Every_endpoint_but_liveness_needs_the_token_repeated_failures_are_locked_out_and_no_token_is_logged()
    {
        var settings = new AgentSettings("svc", "opsagent-test-absent", "127.0.0.1:1/none/x:stable", _appliance.Url)
            .Set("OpsAgent:AuthFailureLimit", "5")
            .Set("OpsAgent:AuthFailureWindow", "00:00:03");
        try
        {
            await RunAsync(settings);
        }
        finally
        {
            Directory.Delete(settings.StateDirectory, recursive: true);
        }
    }

    private static async Task RunAsync(AgentSettings settings)
    {
        using var agent = await AgentProcess.StartAsync(settings);
        using var http = new HttpClient { BaseAddress = agent.Url };
        const string wrongToken = "wrong-token-7c1d9e0b5a24f6";

        (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var path in new[] { "/api/health", "/metrics", "/api/updates/history", "/api/logs", "/api/services" })
        {
            (await http.GetAsync(new Uri(path, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
        }
        // Those five failures reach the limit: the address is locked out, right token or not.
        var locked = await Send(http, HttpMethod.Get, "/api/updates/history", AgentSettings.Token);
        locked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        locked.Headers.RetryAfter.ShouldNotBeNull();

        await Task.Delay(TimeSpan.FromSeconds(3.5), TestContext.Current.CancellationToken);
        (await Send(http, HttpMethod.Get, "/api/updates/history", wrongToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Send(http, HttpMethod.Get, "/api/updates/history", AgentSettings.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Get, "/metrics", AgentSettings.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Post, "/api/updates/check?service=nope", AgentSettings.Token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        agent.Output.ShouldContain("missing or wrong token");
        agent.Output.ShouldNotContain(AgentSettings.Token);
        agent.Output.ShouldNotContain(wrongToken);
    }

    [Fact]
    public void The_token_comparison_accepts_only_the_exact_token()
    {
        var token = new LiveStt.OpsAgent.Security.ApiToken(Microsoft.Extensions.Options.Options.Create(new Hosting.OpsAgentOptions { ApiToken = AgentSettings.Token }));

        token.Matches(AgentSettings.Token).ShouldBeTrue();
        token.Matches(AgentSettings.Token[..^1]).ShouldBeFalse();
        token.Matches(AgentSettings.Token + "x").ShouldBeFalse();
        token.Matches("").ShouldBeFalse();
        token.Matches(null).ShouldBeFalse();
    }

    [Fact]
    public void The_token_can_come_from_a_secret_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, AgentSettings.Token + "\n");
            var token = new LiveStt.OpsAgent.Security.ApiToken(Microsoft.Extensions.Options.Options.Create(new Hosting.OpsAgentOptions { ApiTokenFile = file }));
            token.Matches(AgentSettings.Token).ShouldBeTrue();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
