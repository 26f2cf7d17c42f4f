using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using LiveStt.OpsAgent.Tests.Infrastructure;

namespace LiveStt.OpsAgent.Tests.Balena;

public sealed class BalenaModeTests : IAsyncLifetime
{
    private FakeAppliance _appliance = null!;
    private FakeSupervisor _supervisor = null!;
    private readonly string _lockDirectory = Directory.CreateTempSubdirectory("opsagent-balena-").FullName;

    private string LockPath => Path.Combine(_lockDirectory, "balena", "updates.lock");

    public async ValueTask InitializeAsync()
    {
        _appliance = await FakeAppliance.StartAsync();
        _supervisor = await FakeSupervisor.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _appliance.DisposeAsync();
        await _supervisor.DisposeAsync();
        Directory.Delete(_lockDirectory, recursive: true);
    }

    private AgentSettings Settings() =>
        new AgentSettings("appliance", "livestt-appliance-not-managed-here", "127.0.0.1:1/none/appliance:stable", _appliance.Url)
            .Set("BALENA_SUPERVISOR_ADDRESS", _supervisor.Url.ToString())
            .Set("BALENA_SUPERVISOR_API_KEY", FakeSupervisor.ApiKey)
            .Set("BALENA_APP_ID", "1234")
            .Set("OpsAgent:BalenaLockPath", LockPath);

    [Fact]
    public async Task The_supervisor_owns_the_containers_and_the_agent_uses_its_api_for_state_restart_and_journal()
    {
        await using var agent = await AgentUnderTest.StartAsync(Settings());

        var check = await agent.CheckAsync("appliance");
        check.GetProperty("result").GetString().ShouldBe("Refused");
        check.GetProperty("detail").GetString()!.ShouldContain("supervisor");

        var services = await agent.Client.GetStringAsync(new Uri("/api/services", UriKind.Relative), TestContext.Current.CancellationToken);
        using (var document = JsonDocument.Parse(services))
        {
            document.RootElement.GetProperty("balenaOs").GetBoolean().ShouldBeTrue();
            document.RootElement.GetProperty("supervisor").GetProperty("containers")[0].GetProperty("serviceName").GetString().ShouldBe("appliance");
        }

        using (var restart = await agent.Client.PostAsync(new Uri("/api/services/appliance/restart", UriKind.Relative), null, TestContext.Current.CancellationToken))
        {
            restart.EnsureSuccessStatusCode();
        }
        _supervisor.Requests.ShouldContain(r => r.StartsWith("POST /v2/applications/1234/restart-service", StringComparison.Ordinal) && r.Contains("\"serviceName\":\"appliance\""));

        var bundle = await agent.Client.GetByteArrayAsync(new Uri("/api/logs?hours=2", UriKind.Relative), TestContext.Current.CancellationToken);
        var files = new Dictionary<string, string>();
        await using (var tar = new TarReader(new GZipStream(new MemoryStream(bundle), CompressionMode.Decompress)))
        {
            while (await tar.GetNextEntryAsync(cancellationToken: TestContext.Current.CancellationToken) is { } entry)
            {
                files[entry.Name] = await new StreamReader(entry.DataStream!).ReadToEndAsync(TestContext.Current.CancellationToken);
            }
        }
        files["logs/journal.log"].ShouldContain("Applying target state");
        _supervisor.Requests.ShouldContain(r => r.StartsWith("POST /v2/journal-logs", StringComparison.Ordinal));
        foreach (var content in files.Values)
        {
            content.ShouldNotContain(FakeSupervisor.ApiKey);
            content.ShouldNotContain(FakeSupervisor.JournalSecret);
        }
    }

    [Fact]
    public async Task The_balena_update_lock_is_held_exactly_while_captions_are_live()
    {
        await using var agent = await AgentUnderTest.StartAsync(Settings());
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        File.Exists(LockPath).ShouldBeFalse();

        _appliance.SessionState = "live";
        await Eventually(() => File.Exists(LockPath), "lock taken when captions go live");

        _appliance.SessionState = "idle";
        await Eventually(() => !File.Exists(LockPath), "lock released when captions stop");

        // A lock someone else holds is theirs: the agent neither fails nor removes it.
        await File.WriteAllTextAsync(LockPath, "", TestContext.Current.CancellationToken);
        _appliance.SessionState = "live";
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        _appliance.SessionState = "idle";
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        File.Exists(LockPath).ShouldBeTrue();
    }

    [Fact]
    public async Task A_lock_left_by_a_killed_agent_is_released_after_its_restart_and_a_lock_of_a_running_holder_is_kept()
    {
        var settings = Settings();
        try
        {
            string left;
            using (var first = await AgentProcess.StartAsync(settings))
            {
                _appliance.SessionState = "live";
                await Eventually(() => File.Exists(LockPath), "lock taken when captions go live");
                await first.KillAsync();
                left = await File.ReadAllTextAsync(LockPath, TestContext.Current.CancellationToken);
            }
            left.ShouldMatch(@"^livestt-opsagent boot=[0-9a-f-]{36} pid=[0-9]+ start=[0-9]+\n$");
            _appliance.SessionState = "idle";

            using (var second = await AgentProcess.StartAsync(settings))
            {
                await Eventually(() => !File.Exists(LockPath), "the dead agent's lock released at start-up");
                await second.KillAsync();
            }

            // Written the same way by a process that still runs (this test's): not stale, so not touched.
            var boot = (await File.ReadAllTextAsync("/proc/sys/kernel/random/boot_id", TestContext.Current.CancellationToken)).Trim();
            var stat = await File.ReadAllTextAsync("/proc/self/stat", TestContext.Current.CancellationToken);
            var start = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
            var alive = $"livestt-opsagent boot={boot} pid={Environment.ProcessId} start={start}\n";
            await File.WriteAllTextAsync(LockPath, alive, TestContext.Current.CancellationToken);
            using (await AgentProcess.StartAsync(settings))
            {
                await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
                (await File.ReadAllTextAsync(LockPath, TestContext.Current.CancellationToken)).ShouldBe(alive);
            }
        }
        finally
        {
            Directory.Delete(settings.StateDirectory, recursive: true);
        }
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, what);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
