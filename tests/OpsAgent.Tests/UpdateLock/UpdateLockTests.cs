using LiveStt.OpsAgent.Tests.Infrastructure;

namespace LiveStt.OpsAgent.Tests.UpdateLock;

public sealed class UpdateLockTests(DockerFixture docker) : IAsyncLifetime
{
    private FakeAppliance _appliance = null!;

    public async ValueTask InitializeAsync() => _appliance = await FakeAppliance.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await docker.RemoveTestContainersAsync();
        await _appliance.DisposeAsync();
    }

    [Fact]
    public async Task No_update_is_applied_while_captions_are_live_and_it_is_applied_when_the_session_ends()
    {
        var repository = docker.NewRepository("lock");
        var name = "opsagent-test-lock-" + Guid.NewGuid().ToString("N")[..6];
        await docker.PushAsync(docker.V1, repository);
        var original = await docker.RunServiceAsync(name, $"{repository}:stable");
        await docker.PushAsync(docker.V2, repository);
        _appliance.SessionState = "live";
        await using var agent = await AgentUnderTest.StartAsync(new AgentSettings("svc", name, $"{repository}:stable", _appliance.Url));

        var deferred = await agent.CheckAsync("svc");
        deferred.GetProperty("result").GetString().ShouldBe("Deferred");
        deferred.GetProperty("detail").GetString().ShouldBe("captions are live");
        // Several session polls pass with captions still live: nothing may move.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        (await docker.Docker.Containers.InspectContainerAsync(name)).ID.ShouldBe(original);
        (await agent.CheckAsync("svc")).GetProperty("result").GetString().ShouldBe("Deferred");

        _appliance.SessionState = "idle";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await docker.Docker.Containers.InspectContainerAsync(name)).Image != docker.V2 || (await docker.ServiceContainersAsync(name)).Count != 1)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the deferred update should follow the end of the session");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        await docker.WaitForHealthAsync(name, "healthy", TimeSpan.FromSeconds(10));
        var history = await agent.Client.GetStringAsync(new Uri("/api/updates/history", UriKind.Relative));
        history.ShouldContain("\"deferred\"");
        history.ShouldContain("\"updated\"");
    }

    [Fact]
    public async Task A_developer_can_force_an_update_while_captions_are_live()
    {
        var repository = docker.NewRepository("force");
        var name = "opsagent-test-force-" + Guid.NewGuid().ToString("N")[..6];
        await docker.PushAsync(docker.V1, repository);
        await docker.RunServiceAsync(name, $"{repository}:stable");
        await docker.PushAsync(docker.V2, repository);
        _appliance.SessionState = "live";
        await using var agent = await AgentUnderTest.StartAsync(new AgentSettings("svc", name, $"{repository}:stable", _appliance.Url));

        var forced = await agent.CheckAsync("svc", force: true);

        forced.GetProperty("result").GetString().ShouldBe("Updated", forced.ToString());
        (await docker.Docker.Containers.InspectContainerAsync(name)).Image.ShouldBe(docker.V2);
        (await agent.Client.GetStringAsync(new Uri("/api/updates/history", UriKind.Relative))).ShouldContain("\"forced\"");
    }
}
