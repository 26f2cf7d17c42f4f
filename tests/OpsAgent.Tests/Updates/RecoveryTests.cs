using System.Text.Json;
using System.Text.RegularExpressions;
using LiveStt.OpsAgent.Tests.Infrastructure;
using LiveStt.OpsAgent.Updates;

namespace LiveStt.OpsAgent.Tests.Updates;

/// <summary>
/// The engine fails in the middle of a rollback (the agent talks to it through a proxy that fails chosen requests):
/// the rollback is kept in its journal, retried by the running agent until the engine answers, and finished before
/// any new swap of the service starts.
/// </summary>
public sealed partial class RecoveryTests(DockerFixture docker) : AgentTest(docker)
{
    private DockerFaultProxy _proxy = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _proxy = await DockerFaultProxy.StartAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            await _proxy.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_rollback_the_engine_fails_is_retried_without_a_restart_and_finished_before_the_next_swap()
    {
        var repository = Engine.NewRepository("recovery");
        var name = "opsagent-test-recovery-" + Guid.NewGuid().ToString("N")[..6];
        await Engine.PushAsync(Engine.V1, repository);
        var original = await Engine.RunServiceAsync(name, $"{repository}:stable");
        await Engine.PushAsync(Engine.V3, repository);
        var settings = new AgentSettings("svc", name, $"{repository}:stable", Appliance.Url)
            .Set("OpsAgent:DockerEndpoint", _proxy.Endpoint)
            .Set("OpsAgent:HealthyTimeout", "00:00:15")
            .Set("OpsAgent:RecoveryRetryInterval", "00:00:01");
        await using var agent = await AgentUnderTest.StartAsync(settings);
        // Stopping any container but the original is the rollback's first change: it fails until the test allows it.
        _proxy.Fail = (method, path) => method == "POST" && StopPath().Match(path) is { Success: true } stop && stop.Groups["id"].Value != original;

        var failed = await agent.CheckAsync("svc");

        failed.GetProperty("result").GetString().ShouldBe("RecoveryPending", failed.ToString());
        failed.GetProperty("detail").GetString().ShouldBe(
            "container became unhealthy: its health check exited with code 1, output: wget: server returned error: HTTP/1.1 404 Not Found; "
            + $"rolling back failed (the engine answered 500 Internal Server Error: {DockerFaultProxy.FaultMessage}); the agent retries");
        var journalPath = Path.Combine(settings.StateDirectory, "swap-svc.json");
        var journal = JsonSerializer.Deserialize<SwapJournal>(await File.ReadAllTextAsync(journalPath, TestContext.Current.CancellationToken), AgentJson.Options)!;
        journal.Step.ShouldBe(SwapStep.RollingBack);

        // The running agent keeps trying: more failed stops arrive with no check and no restart.
        var seen = _proxy.Failed;
        await WaitForAsync(() => _proxy.Failed >= seen + 2, "recovery retried while the agent runs");

        // A newer version now: its swap must not start over the unfinished one.
        await Engine.PushAsync(Engine.V2, repository);
        (await agent.CheckAsync("svc")).GetProperty("result").GetString().ShouldBe("Error");
        (await File.ReadAllTextAsync(journalPath, TestContext.Current.CancellationToken)).ShouldContain(journal.SwapId, Case.Sensitive, "the journal is never overwritten");
        (await Engine.ServiceContainersAsync(name)).Count.ShouldBe(2, "the new swap did not create a third container");

        _proxy.Fail = null;
        var history = new UpdateHistory(Microsoft.Extensions.Options.Options.Create(new LiveStt.OpsAgent.Hosting.OpsAgentOptions { StateDirectory = settings.StateDirectory }), TimeProvider.System);
        await WaitForAsync(() => history.Read().Any(e => e.SwapId == journal.SwapId && e.Event == "rolled-back"), "the retry finishes the rollback");
        File.Exists(journalPath).ShouldBeFalse();
        var containers = await Engine.ServiceContainersAsync(name);
        containers.Count.ShouldBe(1);
        containers[0].ID.ShouldBe(original);
        await Engine.WaitForHealthAsync(original, "healthy", TimeSpan.FromSeconds(20));
        var told = history.Read().Where(e => e.SwapId == journal.SwapId).ToList();
        told.Count(e => e.Event == "recovery-pending").ShouldBe(1);
        told.Count(e => e.Event == "recovering").ShouldBe(1, "retries are not each written down");
        told.Count(e => e.Event == "step" && e.Detail == nameof(SwapStep.RollingBack)).ShouldBe(1);

        var updated = await agent.CheckAsync("svc");
        updated.GetProperty("result").GetString().ShouldBe("Updated", updated.ToString());
        (await Engine.Docker.Containers.InspectContainerAsync(name, TestContext.Current.CancellationToken)).Image.ShouldBe(Engine.V2);
        var events = history.Read().Select(e => (e.SwapId, e.Event)).ToList();
        events.FindIndex(e => e.SwapId == journal.SwapId && e.Event == "rolled-back")
            .ShouldBeLessThan(events.FindIndex(e => e.SwapId != journal.SwapId && e.SwapId is not null && e.Event == "started"));
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, what);
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    [GeneratedRegex("/containers/(?<id>[^/]+)/stop$")]
    private static partial Regex StopPath();
}
