using System.Diagnostics;
using System.Text.Json;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Tests.Infrastructure;
using LiveStt.OpsAgent.Updates;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Tests.Updates;

/// <summary>
/// Kills the real agent process with SIGKILL while it waits at a point of a swap — after each step is journaled
/// (PauseAtSwapStep), and right after each Docker call that changes what runs, before the next journal write
/// (PauseAfterSwapCall) — restarts it, and checks that exactly one version of the service runs and is healthy and
/// that the history tells what happened.
/// </summary>
public sealed class CrashSafetyTests(DockerFixture docker) : AgentTest(docker)
{
    /// <summary>Where the agent is killed, the step its journal then shows, and whether the target fails its health check.</summary>
    public static TheoryData<string, string, SwapStep, bool> Points => new()
    {
        { "PauseAtSwapStep", nameof(SwapStep.Prepared), SwapStep.Prepared, false },
        { "PauseAtSwapStep", nameof(SwapStep.Created), SwapStep.Created, false },
        { "PauseAtSwapStep", nameof(SwapStep.OldStopped), SwapStep.OldStopped, false },
        { "PauseAtSwapStep", nameof(SwapStep.NewStarted), SwapStep.NewStarted, false },
        { "PauseAtSwapStep", nameof(SwapStep.Committing), SwapStep.Committing, false },
        { "PauseAtSwapStep", nameof(SwapStep.RollingBack), SwapStep.RollingBack, true },
        { "PauseAfterSwapCall", nameof(SwapCall.CreatedNew), SwapStep.Prepared, false },
        { "PauseAfterSwapCall", nameof(SwapCall.StoppedOld), SwapStep.Created, false },
        { "PauseAfterSwapCall", nameof(SwapCall.StartedNew), SwapStep.OldStopped, false },
        { "PauseAfterSwapCall", nameof(SwapCall.StoppedNew), SwapStep.RollingBack, true },
        { "PauseAfterSwapCall", nameof(SwapCall.StartedOld), SwapStep.RollingBack, true },
        { "PauseAfterSwapCall", nameof(SwapCall.RemovedOld), SwapStep.Committing, false },
        { "PauseAfterSwapCall", nameof(SwapCall.Renamed), SwapStep.Committing, false },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public async Task Kill_9_at_a_swap_point_recovers_to_exactly_one_healthy_version(string setting, string point, SwapStep journaled, bool failing)
    {
        var repository = Engine.NewRepository("crash");
        var name = "opsagent-test-crash-" + Guid.NewGuid().ToString("N")[..6];
        await Engine.PushAsync(Engine.V1, repository);
        var original = await Engine.RunServiceAsync(name, $"{repository}:stable");
        var targetDigest = await Engine.PushAsync(failing ? Engine.V3 : Engine.V2, repository);
        // The box's own tag still names what it runs; the push above moved it on this machine.
        await Engine.TagAsync(Engine.V1, repository);
        var settings = new AgentSettings("svc", name, $"{repository}:stable", Appliance.Url)
            .Set("OpsAgent:CheckInterval", "01:00:00")
            .Set("OpsAgent:HealthyTimeout", "00:00:15");
        try
        {
            using (var first = await AgentProcess.StartAsync(settings.Set($"OpsAgent:{setting}", point)))
            {
                await first.WaitForOutputAsync($"Paused at swap point {point}", TimeSpan.FromSeconds(60));
                var running = (await Engine.ServiceContainersAsync(name)).Count(c => c.State == "running");
                running.ShouldBeLessThanOrEqualTo(1, "never two versions at once");
                await first.KillAsync();
            }
            var journal = JsonSerializer.Deserialize<SwapJournal>(await File.ReadAllTextAsync(Path.Combine(settings.StateDirectory, "swap-svc.json")), AgentJson.Options)!;
            journal.Step.ShouldBe(journaled);

            settings.Values.Remove($"OpsAgent:{setting}");
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
            entries.ShouldContain(e => e.Event == "recovering" && e.Detail == $"unfinished swap found at step {journaled}");
            var containers = await Engine.ServiceContainersAsync(name);
            containers.Count.ShouldBe(1, "exactly one version");
            containers[0].Names.ShouldBe([$"/{name}"]);
            containers[0].State.ShouldBe("running");
            await Engine.WaitForHealthAsync(containers[0].ID, "healthy", TimeSpan.FromSeconds(10));
            File.Exists(Path.Combine(settings.StateDirectory, "swap-svc.json")).ShouldBeFalse();

            if (journaled == SwapStep.Committing)
            {
                // The new version had proved healthy: recovery finishes the swap, and only now moves the tag.
                outcome.Event.ShouldBe("updated");
                containers[0].ImageID.ShouldBe(Engine.V2);
                (await Engine.Docker.Images.InspectImageAsync($"{repository}:stable")).ID.ShouldBe(Engine.V2);
            }
            else
            {
                outcome.Event.ShouldBe("rolled-back");
                containers[0].ID.ShouldBe(original);
                containers[0].ImageID.ShouldBe(Engine.V1);
                (await Engine.Docker.Images.InspectImageAsync($"{repository}:stable")).ID.ShouldBe(Engine.V1, "the tag moves only when a swap commits");
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
