using System.Net;
using System.Net.Http.Headers;
using LiveStt.OpsAgent.Tests.Infrastructure;

namespace LiveStt.OpsAgent.Tests.Security;

public sealed class AuthenticationTests(DockerFixture engine) : AgentTest(engine)
{
    private const string NoToken = "Every path but /healthz needs the header 'Authorization: Bearer <token>' with the agent's API token.";

    [Fact]
    public async Task Every_endpoint_but_liveness_needs_the_token_repeated_failures_are_locked_out_and_no_token_is_logged()
    {
        var settings = Settings("svc", "opsagent-test-absent", "127.0.0.1:1/none/x:stable")
            .Set("OpsAgent:AuthFailureLimit", "6")
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
        // A path the API does not have is refused like one it has: without the token, nothing says which exist.
        foreach (var path in new[] { "/api/health", "/metrics", "/api/updates/history", "/api/logs", "/api/services", "/api/no-such-path" })
        {
            using var refused = await http.GetAsync(new Uri(path, UriKind.Relative));
            await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "The API token is missing or wrong", NoToken);
            refused.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer", path);
        }
        // Those six failures reach the limit: the address is locked out, right token or not.
        using var locked = await Send(http, HttpMethod.Get, "/api/updates/history", AgentSettings.Token);
        var wait = locked.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        wait.ShouldBeInRange(1, 3);
        await locked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "Too many wrong tokens",
            $"Too many requests from this address had a missing or wrong token. Try again in {wait} s.");

        await Task.Delay(TimeSpan.FromSeconds(3.5), TestContext.Current.CancellationToken);
        (await Send(http, HttpMethod.Get, "/api/updates/history", wrongToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Send(http, HttpMethod.Get, "/api/updates/history", AgentSettings.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Send(http, HttpMethod.Get, "/metrics", AgentSettings.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var unknown = await Send(http, HttpMethod.Post, "/api/updates/check?service=nope", AgentSettings.Token);
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "No such service", "No managed service is called 'nope'. The managed services are: svc.");
        using var noPath = await Send(http, HttpMethod.Get, "/api/no-such-path", AgentSettings.Token);
        await noPath.ShouldBeProblemAsync(HttpStatusCode.NotFound, "Not Found", "The agent's API has no such path.");
        using var wrongMethod = await Send(http, HttpMethod.Delete, "/api/services", AgentSettings.Token);
        await wrongMethod.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "Method Not Allowed", "This path of the agent's API does not take DELETE.");

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
