using System.Diagnostics;
using System.Text.Json;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Tests.Infrastructure;
using LiveStt.OpsAgent.Updates;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Tests.Updates;

/// <summary>
/// Kills the real agent process with SIGKILL while it waits at each step of a swap (the test-only
/// PauseAtSwapStep setting holds it there after the step is journaled), restarts it, and checks that exactly
/// one version of the service runs and is healthy and that the history tells what happened.
/// </summary>
public sealed class CrashSafetyTests(DockerFixture docker) : IAsyncLifetime
{
    private FakeAppliance _appliance = null!;

    public async ValueTask InitializeAsync() => _appliance = await FakeAppliance.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await docker.RemoveTestContainersAsync();
        await _appliance.DisposeAsync();
    }

    public static TheoryData<SwapStep> Steps => [.. Enum.GetValues<SwapStep>()];

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Kill_9_at_a_swap_step_recovers_to_exactly_one_healthy_version(SwapStep step)
    {
        // Rolling back needs a target that fails its health check; every other step is on the way to a good one.
        var failing = step == SwapStep.RollingBack;
        var repository = docker.NewRepository("crash");
        var name = "opsagent-test-crash-" + Guid.NewGuid().ToString("N")[..6];
        await docker.PushAsync(docker.V1, repository);
        var original = await docker.RunServiceAsync(name, $"{repository}:stable");
        var targetDigest = await docker.PushAsync(failing ? docker.V3 : docker.V2, repository);
        var settings = new AgentSettings("svc", name, $"{repository}:stable", _appliance.Url)
            .Set("OpsAgent:CheckInterval", "01:00:00")
            .Set("OpsAgent:HealthyTimeout", "00:00:15");
        try
        {
            using (var first = await AgentProcess.StartAsync(settings.Set("OpsAgent:PauseAtSwapStep", step.ToString())))
            {
                await first.WaitForOutputAsync($"Paused at swap step {step}", TimeSpan.FromSeconds(60));
                var running = (await docker.ServiceContainersAsync(name)).Count(c => c.State == "running");
                running.ShouldBeLessThanOrEqualTo(1, "never two versions at once");
                await first.KillAsync();
            }
            var journal = JsonSerializer.Deserialize<SwapJournal>(await File.ReadAllTextAsync(Path.Combine(settings.StateDirectory, "swap-svc.json")), AgentJson.Options)!;
            journal.Step.ShouldBe(step);

            settings.Values.Remove("OpsAgent:PauseAtSwapStep");
            settings.Set("OpsAgent:CheckInterval", "00:00:00");
            using var second = await AgentProcess.StartAsync(settings);
            var history = new UpdateHistory(Options.Create(new OpsAgentOptions { StateDirectory = settings.StateDirectory }), TimeProvider.System);
            var stopwatch = Stopwatch.StartNew();
            UpdateHistoryEntry? outcome;
            while ((outcome = history.Read().LastOrDefault(e => e.SwapId == journal.SwapId && e.Event is "updated" or "rolled-back")) is null)
            {
                stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), second.Output);
                await Task.Delay(200);
            }

            var entries = history.Read().Where(e => e.SwapId == journal.SwapId).ToList();
            entries.ShouldContain(e => e.Event == "recovering" && e.Detail.Contains(step.ToString()));
            var containers = await docker.ServiceContainersAsync(name);
            containers.Count.ShouldBe(1, "exactly one version");
            containers[0].Names.ShouldBe([$"/{name}"]);
            containers[0].State.ShouldBe("running");
            await docker.WaitForHealthAsync(containers[0].ID, "healthy", TimeSpan.FromSeconds(10));
            File.Exists(Path.Combine(settings.StateDirectory, "swap-svc.json")).ShouldBeFalse();

            if (step == SwapStep.Committing)
            {
                // The new version had proved healthy: recovery finishes the swap.
                outcome.Event.ShouldBe("updated");
                containers[0].ImageID.ShouldBe(docker.V2);
            }
            else
            {
                outcome.Event.ShouldBe("rolled-back");
                containers[0].ID.ShouldBe(original);
                containers[0].ImageID.ShouldBe(docker.V1);
                var failed = new AgentStateStore(Options.Create(new OpsAgentOptions { StateDirectory = settings.StateDirectory })).IsFailed("svc", targetDigest);
                failed.ShouldBe(failing, "only a target that failed its health check is barred; an interrupted one may be retried");
            }
        }
        finally
        {
            Directory.Delete(settings.StateDirectory, recursive: true);
        }
    }
}
