using System.Text;
using LiveStt.OpsAgent.Tests.Infrastructure;

namespace LiveStt.OpsAgent.Tests.Logs;

public sealed class LogBundleTests(DockerFixture engine) : AgentTest(engine)
{
    [Fact]
    public async Task The_bundle_holds_both_containers_logs_history_health_and_system_info_and_none_of_the_planted_secrets()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var secrets = new[] { "ApplianceTok-91f3e0c2", "Agent-Api-Key-55d0a7", "8265", "hunter2-db-pass-0c4d" };
        var applianceName = $"opsagent-test-appliance-{suffix}";
        var agentName = $"opsagent-test-agent-{suffix}";
        await Engine.RunServiceAsync(applianceName, Engine.V1, env: new Dictionary<string, string>
        {
            ["API_TOKEN"] = secrets[0],
            ["ADMIN_PIN"] = secrets[2],
        });
        await Engine.RunServiceAsync(agentName, Engine.V2, env: new Dictionary<string, string>
        {
            ["API_TOKEN"] = secrets[1],
            ["DB_PASSWORD"] = secrets[3],
        });
        var settings = Settings("appliance", applianceName, "127.0.0.1:1/none/appliance:stable")
            .AddService(1, "agent", agentName, "127.0.0.1:1/none/agent:stable", waitForIdleSession: false);
        await using var agent = await AgentUnderTest.StartAsync(settings);
        await agent.Client.GetAsync(new Uri("/api/health?fresh=1", UriKind.Relative), TestContext.Current.CancellationToken);

        using var response = await agent.Client.GetAsync(new Uri("/api/logs?hours=1", UriKind.Relative), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/gzip");
        var files = await LogBundle.ExtractAsync(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        files.Keys.ShouldBe(["history.jsonl", "health.json", "system.json", "containers.json", "logs/appliance.log", "logs/agent.log"], ignoreOrder: true);
        files["logs/appliance.log"].ShouldContain("stdout service v1 started with API_TOKEN=");
        files["logs/appliance.log"].ShouldContain("stderr service v1 warming up");
        files["logs/agent.log"].ShouldContain("stdout service v2 started with API_TOKEN=");
        files["logs/agent.log"].ShouldContain("stderr service v2 warming up");
        files["logs/agent.log"].Split('\n')[0].ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z (stdout|stderr) ");
        files["health.json"].ShouldContain("appliance.session");
        files["system.json"].ShouldContain("\"engine\"");
        files["containers.json"].ShouldContain("API_TOKEN=[REDACTED]");
        files["containers.json"].ShouldContain("VERSION=v1");
        foreach (var (name, content) in files)
        {
            foreach (var secret in secrets.Append(AgentSettings.Token))
            {
                content.ShouldNotContain(secret, Case.Sensitive, $"{name} leaks a planted secret");
            }
        }
    }

    [Fact]
    public async Task The_bundle_is_capped_and_keeps_the_newest_lines()
    {
        var name = NewContainerName("chatty");
        await Engine.RunServiceAsync(name, Engine.V1, env: new Dictionary<string, string> { ["LINES"] = "20000" });
        var settings = Settings("chatty", name, "127.0.0.1:1/none/chatty:stable")
            .Set("OpsAgent:MaxLogBundleBytes", "131072");
        await using var agent = await AgentUnderTest.StartAsync(settings);

        var bytes = await agent.Client.GetByteArrayAsync(new Uri("/api/logs?hours=1", UriKind.Relative), TestContext.Current.CancellationToken);
        var files = await LogBundle.ExtractAsync(bytes);

        files.Values.Sum(v => Encoding.UTF8.GetByteCount(v)).ShouldBeLessThanOrEqualTo(131072);
        files["logs/chatty.log"].ShouldContain("filler line 19999 of v1");
        files["logs/chatty.log"].ShouldNotContain("filler line 0 of v1");
    }
}
