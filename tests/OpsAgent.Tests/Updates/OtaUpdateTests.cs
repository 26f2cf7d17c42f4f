using System.Diagnostics;
using LiveStt.OpsAgent.Tests.Infrastructure;
using LiveStt.OpsAgent.Updates;

namespace LiveStt.OpsAgent.Tests.Updates;

public sealed class OtaUpdateTests(DockerFixture docker) : AgentTest(docker)
{
    [Fact]
    public async Task New_digest_is_swapped_in_with_the_old_configuration_and_a_failing_one_rolls_back_and_is_not_retried()
    {
        var repository = Engine.NewRepository("ota");
        var name = "opsagent-test-ota-" + Guid.NewGuid().ToString("N")[..6];
        var v1Digest = await Engine.PushAsync(Engine.V1, repository);
        await Engine.RunServiceAsync(name, $"{repository}:stable",
            env: new Dictionary<string, string> { ["OPERATOR_SETTING"] = "kept", ["API_TOKEN"] = "tok-123456" },
            labels: new Dictionary<string, string> { ["operator.label"] = "kept" });
        await using var agent = await AgentUnderTest.StartAsync(new AgentSettings("svc", name, $"{repository}:stable", Appliance.Url));

        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var unchanged = await agent.CheckAsync("svc");
        unchanged.GetProperty("result").GetString().ShouldBe("UpToDate");
        unchanged.GetProperty("target").GetString().ShouldBe(v1Digest);
        await Task.Delay(TimeSpan.FromSeconds(1.1), TestContext.Current.CancellationToken);
        (await Engine.PullsAsync(before, DateTimeOffset.UtcNow.ToUnixTimeSeconds())).Where(p => p.StartsWith(repository, StringComparison.Ordinal)).ShouldBeEmpty("an unchanged digest is not pulled");

        var v2Digest = await Engine.PushAsync(Engine.V2, repository);
        var updated = await agent.CheckAsync("svc");
        updated.GetProperty("result").GetString().ShouldBe("Updated", updated.ToString());
        updated.GetProperty("target").GetString().ShouldBe(v2Digest);
        await Task.Delay(TimeSpan.FromSeconds(1.1), TestContext.Current.CancellationToken);
        (await Engine.PullsAsync(before, DateTimeOffset.UtcNow.ToUnixTimeSeconds())).Where(p => p.StartsWith(repository, StringComparison.Ordinal)).ShouldBe([$"{repository}@{v2Digest}"], "the new digest is pulled by digest");

        var containers = await Engine.ServiceContainersAsync(name);
        containers.Count.ShouldBe(1);
        var running = await Engine.Docker.Containers.InspectContainerAsync(name);
        running.Image.ShouldBe(Engine.V2);
        running.State!.Health!.Status.ShouldBe("healthy");
        running.Config!.Env.ShouldContain("OPERATOR_SETTING=kept");
        running.Config.Env.ShouldContain("VERSION=v2", "the new image's own default replaces the old image's");
        running.Config.Env.ShouldNotContain("VERSION=v1");
        running.Config.Labels["operator.label"].ShouldBe("kept");
        running.Config.Labels["livestt.test.version"].ShouldBe("v2");
        running.HostConfig!.RestartPolicy.Name.ToString().ShouldBe("UnlessStopped");
        running.HostConfig.NetworkMode.ShouldBe("none");
        running.HostConfig.Binds.Count.ShouldBe(1);
        // The health check came from the image, so it is left to each new image: v3 fails only because its own check is used.
        running.Config.Healthcheck!.Test.ShouldBe((await Engine.Docker.Images.InspectImageAsync(Engine.V2)).Config!.Healthcheck!.Test);

        var v3Digest = await Engine.PushAsync(Engine.V3, repository);
        var stopwatch = Stopwatch.StartNew();
        var rolledBack = await agent.CheckAsync("svc");
        stopwatch.Stop();
        rolledBack.GetProperty("result").GetString().ShouldBe("RolledBack", rolledBack.ToString());
        rolledBack.GetProperty("detail").GetString()!.ShouldContain("unhealthy");
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20 + 10));

        (await Engine.ServiceContainersAsync(name)).Count.ShouldBe(1);
        var afterRollback = await Engine.Docker.Containers.InspectContainerAsync(name);
        afterRollback.ID.ShouldBe(running.ID, "rollback restarts the previous container itself");
        afterRollback.Image.ShouldBe(Engine.V2);
        await Engine.WaitForHealthAsync(name, "healthy", TimeSpan.FromSeconds(10));

        var retried = await agent.CheckAsync("svc");
        retried.GetProperty("result").GetString().ShouldBe("SkippedFailedTarget");
        retried.GetProperty("target").GetString().ShouldBe(v3Digest);
        (await Engine.Docker.Containers.InspectContainerAsync(name)).ID.ShouldBe(running.ID);

        var history = new UpdateHistory(Microsoft.Extensions.Options.Options.Create(new Hosting.OpsAgentOptions { StateDirectory = agent.Settings.StateDirectory }), TimeProvider.System).Read();
        history.Count(e => e.Event == "updated").ShouldBe(1);
        history.Count(e => e.Event == "rolled-back").ShouldBe(1);
        history.Count(e => e.Event == "started").ShouldBe(2, "v3 was not tried a second time");
        history.Where(e => e.Event == "step").Select(e => e.Step).Take(5).ShouldBe(["Prepared", "Created", "OldStopped", "NewStarted", "Committing"]);
        File.ReadAllText(Path.Combine(agent.Settings.StateDirectory, "state.json")).ShouldContain(v3Digest);

        // The history survives a restart of the agent.
        await using var restarted = await AgentUnderTest.StartAsync(new AgentSettings("svc", name, $"{repository}:stable", Appliance.Url).Set("OpsAgent:StateDirectory", agent.Settings.StateDirectory));
        var body = await restarted.Client.GetStringAsync(new Uri("/api/updates/history", UriKind.Relative));
        body.ShouldContain("rolled-back");
        (await restarted.CheckAsync("svc")).GetProperty("result").GetString().ShouldBe("SkippedFailedTarget");
    }

    [Fact]
    public async Task A_check_while_the_registry_is_down_fails_with_the_reason_changes_nothing_and_the_next_check_updates()
    {
        var repository = Engine.NewRepository("outage");
        var name = "opsagent-test-outage-" + Guid.NewGuid().ToString("N")[..6];
        await Engine.PushAsync(Engine.V1, repository);
        var original = await Engine.RunServiceAsync(name, $"{repository}:stable");
        var v2Digest = await Engine.PushAsync(Engine.V2, repository);
        await Engine.TagAsync(Engine.V1, repository);
        await using var agent = await AgentUnderTest.StartAsync(new AgentSettings("svc", name, $"{repository}:stable", Appliance.Url));

        await Engine.WhileRegistryIsDownAsync(async () =>
        {
            var failed = await agent.CheckAsync("svc");
            failed.GetProperty("result").GetString().ShouldBe("Error");
            failed.GetProperty("detail").GetString().ShouldBe($"registry {Engine.Registry} could not be reached: Connection refused ({Engine.Registry})");
            var running = await Engine.Docker.Containers.InspectContainerAsync(name, TestContext.Current.CancellationToken);
            running.ID.ShouldBe(original);
            running.State!.Running.ShouldBeTrue();
            (await Engine.ServiceContainersAsync(name)).Count.ShouldBe(1);
        });

        var updated = await agent.CheckAsync("svc");
        updated.GetProperty("result").GetString().ShouldBe("Updated", updated.ToString());
        updated.GetProperty("target").GetString().ShouldBe(v2Digest);
        (await Engine.Docker.Containers.InspectContainerAsync(name, TestContext.Current.CancellationToken)).Image.ShouldBe(Engine.V2);
    }
}
