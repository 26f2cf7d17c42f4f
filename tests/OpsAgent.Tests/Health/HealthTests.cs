using System.Net;
using System.Text.Json;
using LiveStt.OpsAgent.Tests.Infrastructure;

namespace LiveStt.OpsAgent.Tests.Health;

public sealed class HealthTests(DockerFixture docker) : AgentTest(docker)
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
    public async Task Health_and_metrics_report_every_check_and_a_failing_check_says_which_and_why()
    {
        var name = $"opsagent-test-health-{Guid.NewGuid().ToString("N")[..6]}";
        await Engine.RunServiceAsync(name, Engine.V1);
        // The readings the kernel exposes, planted: 300 MB available, one zone at 91 °C.
        Directory.CreateDirectory(Path.Combine(_systemRoot, "proc"));
        await File.WriteAllTextAsync(Path.Combine(_systemRoot, "proc/meminfo"), "MemTotal:        4000000 kB\nMemFree:          100000 kB\nMemAvailable:     307200 kB\n", TestContext.Current.CancellationToken);
        Directory.CreateDirectory(Path.Combine(_systemRoot, "sys/class/thermal/thermal_zone0"));
        Directory.CreateDirectory(Path.Combine(_systemRoot, "sys/class/thermal/thermal_zone1"));
        await File.WriteAllTextAsync(Path.Combine(_systemRoot, "sys/class/thermal/thermal_zone0/temp"), "48000\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_systemRoot, "sys/class/thermal/thermal_zone1/temp"), "91000\n", TestContext.Current.CancellationToken);
        var settings = new AgentSettings("appliance", name, "127.0.0.1:1/none/appliance:stable", Appliance.Url)
            .Set("OpsAgent:SystemRoot", _systemRoot)
            .Set("OpsAgent:MinAvailableMemoryBytes", (200L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var agent = await AgentUnderTest.StartAsync(settings);

        Appliance.SessionState = "live";
        Appliance.LagMs = 9000;
        using var failing = await agent.Client.GetAsync(new Uri("/api/health?fresh=1", UriKind.Relative), TestContext.Current.CancellationToken);
        failing.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var checks = Checks(await failing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        checks["appliance.healthz"].Healthy.ShouldBeTrue();
        checks["appliance.session"].Healthy.ShouldBeFalse();
        checks["appliance.session"].Detail.ShouldBe("transcription lag 9000 ms exceeds 5000 ms");
        checks["cpu_temperature"].Healthy.ShouldBeFalse();
        checks["cpu_temperature"].Detail.ShouldBe("91.0 °C, above 85 °C");
        checks["memory"].Healthy.ShouldBeTrue();
        checks["memory"].Detail.ShouldBe("300 MB available");
        checks["disk"].Healthy.ShouldBeTrue();
        checks["container.appliance"].Healthy.ShouldBeTrue();
        checks["container.appliance"].Detail.ShouldBe($"{name} running, 0 restarts");

        var metrics = await agent.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        metrics.ShouldContain("livestt_opsagent_check_healthy{check=\"appliance.session\"} 0");
        metrics.ShouldContain("livestt_opsagent_check_healthy{check=\"memory\"} 1");
        metrics.ShouldContain("livestt_opsagent_cpu_temperature_celsius 91");
        metrics.ShouldContain("livestt_opsagent_appliance_transcription_lag_ms 9000");
        metrics.ShouldContain("livestt_opsagent_container_restarts{service=\"appliance\"} 0");

        Appliance.AudioAlive = false;
        Appliance.LagMs = 100;
        using (var audioless = await agent.Client.GetAsync(new Uri("/api/health?fresh=1", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            checks = Checks(await audioless.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        checks["appliance.session"].Detail.ShouldBe("captions live but no audio is arriving");

        Appliance.SessionState = "idle";
        Appliance.AudioAlive = true;
        await File.WriteAllTextAsync(Path.Combine(_systemRoot, "sys/class/thermal/thermal_zone1/temp"), "60000\n", TestContext.Current.CancellationToken);
        await Engine.Docker.Containers.StopContainerAsync(name, new Docker.DotNet.Models.ContainerStopParameters { WaitBeforeKillSeconds = 1 }, TestContext.Current.CancellationToken);
        using var stopped = await agent.Client.GetAsync(new Uri("/api/health?fresh=1", UriKind.Relative), TestContext.Current.CancellationToken);
        checks = Checks(await stopped.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        checks.Where(c => !c.Value.Healthy).Select(c => c.Key).ShouldBe(["container.appliance"]);
        checks["container.appliance"].Detail.ShouldBe($"{name} is exited");
    }

    private static Dictionary<string, (bool Healthy, string Detail)> Checks(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!,
            c => (c.GetProperty("healthy").GetBoolean(), c.GetProperty("detail").GetString()!));
    }
}
