using System.Globalization;
using System.Text.RegularExpressions;
using LiveStt.OpsAgent.Tests.Infrastructure;

namespace LiveStt.OpsAgent.Tests.Health;

/// <summary>
/// /metrics of the agent process (its own, so the counters start at zero): what updates did, and no temperature on
/// a box without a sensor.
/// </summary>
public sealed partial class MetricsTests(DockerFixture docker) : AgentTest(docker)
{
    private readonly string _systemRoot = Directory.CreateTempSubdirectory("opsagent-sysroot-").FullName;

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            Directory.Delete(_systemRoot, recursive: true);
        }
    }

    [Fact]
    public async Task Metrics_count_updates_rollbacks_and_failed_checks_and_leave_out_a_temperature_the_box_has_no_sensor_for()
    {
        var repository = Engine.NewRepository("metrics");
        var name = "opsagent-test-metrics-" + Guid.NewGuid().ToString("N")[..6];
        await Engine.PushAsync(Engine.V1, repository);
        await Engine.RunServiceAsync(name, $"{repository}:stable");
        // A box with memory readings and no thermal zones at all.
        Directory.CreateDirectory(Path.Combine(_systemRoot, "proc"));
        await File.WriteAllTextAsync(Path.Combine(_systemRoot, "proc/meminfo"), "MemTotal: 4000000 kB\nMemAvailable: 3000000 kB\n", TestContext.Current.CancellationToken);
        var settings = new AgentSettings("svc", name, $"{repository}:stable", Appliance.Url)
            .AddService(1, "unreachable", name + "-absent", "127.0.0.1:1/none/appliance:stable")
            .Set("OpsAgent:SystemRoot", _systemRoot)
            .Set("OpsAgent:HealthInterval", "01:00:00")
            .Set("OpsAgent:HealthyTimeout", "00:00:15");
        try
        {
            using var agent = await AgentProcess.StartAsync(settings);
            // The run at start-up has counted its failures once this is logged.
            await agent.WaitForOutputAsync("Health check container.unreachable failing", TimeSpan.FromSeconds(30));

            await Engine.PushAsync(Engine.V2, repository);
            (await agent.Client.CheckAsync("svc")).GetProperty("result").GetString().ShouldBe("Updated");
            await Engine.PushAsync(Engine.V3, repository);
            (await agent.Client.CheckAsync("svc")).GetProperty("result").GetString().ShouldBe("RolledBack");
            (await agent.Client.CheckAsync("unreachable")).GetProperty("result").GetString().ShouldBe("Error");
            (await agent.Client.CheckAsync("unreachable")).GetProperty("result").GetString().ShouldBe("Error");
            using (var fresh = await agent.Client.GetAsync(new Uri("/api/health?fresh=1", UriKind.Relative), TestContext.Current.CancellationToken))
            {
                fresh.StatusCode.ShouldBe(System.Net.HttpStatusCode.ServiceUnavailable);
            }

            var metrics = Samples(await agent.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken));
            metrics["livestt_opsagent_updates_total{service=\"svc\"}"].ShouldBe(1);
            metrics["livestt_opsagent_rollbacks_total{service=\"svc\"}"].ShouldBe(1);
            metrics.ShouldNotContainKey("livestt_opsagent_updates_total{service=\"unreachable\"}");
            metrics["livestt_opsagent_update_check_failures_total{service=\"unreachable\"}"].ShouldBe(2);
            metrics.ShouldNotContainKey("livestt_opsagent_update_check_failures_total{service=\"svc\"}");
            metrics["livestt_opsagent_check_failures_total{check=\"container.unreachable\"}"].ShouldBe(2);
            metrics.ShouldNotContainKey("livestt_opsagent_check_failures_total{check=\"container.svc\"}");
            metrics["livestt_opsagent_check_healthy{check=\"cpu_temperature\"}"].ShouldBe(1);
            metrics.Keys.ShouldNotContain(key => key.StartsWith("livestt_opsagent_cpu_temperature_celsius", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(settings.StateDirectory, recursive: true);
        }
    }

    /// <summary>Prometheus text exposition: sample name with labels, and value.</summary>
    private static Dictionary<string, double> Samples(string text) =>
        text.Split('\n')
            .Select(line => SampleLine().Match(line))
            .Where(match => match.Success)
            .ToDictionary(match => match.Groups["key"].Value, match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);

    [GeneratedRegex(@"^(?<key>[a-z_]+(\{[^}]*\})?) (?<value>\S+)$")]
    private static partial Regex SampleLine();
}
