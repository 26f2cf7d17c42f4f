using LiveStt.OpsAgent.Tests.Infrastructure;

namespace LiveStt.OpsAgent.Tests.UpdateLock;

public sealed class UpdateLockTests(DockerFixture engine) : AgentTest(engine)
{
    [Fact]
    public async Task No_update_is_applied_while_captions_are_live_and_it_is_applied_when_the_session_ends()
    {
        var repository = Engine.NewRepository("lock");
        var name = NewContainerName("lock");
        await Engine.PushAsync(Engine.V1, repository);
        var original = await Engine.RunServiceAsync(name, $"{repository}:stable");
        await Engine.PushAsync(Engine.V2, repository);
        Appliance.SessionState = "live";
        await using var agent = await AgentUnderTest.StartAsync(Settings("svc", name, $"{repository}:stable"));

        var deferred = await agent.CheckAsync("svc");
        deferred.GetProperty("result").GetString().ShouldBe("Deferred");
        deferred.GetProperty("detail").GetString().ShouldBe("captions are live");
        // Several session polls pass with captions still live: nothing may move.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        (await Engine.Docker.Containers.InspectContainerAsync(name)).ID.ShouldBe(original);
        (await agent.CheckAsync("svc")).GetProperty("result").GetString().ShouldBe("Deferred");

        Appliance.SessionState = "idle";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Engine.Docker.Containers.InspectContainerAsync(name)).Image != Engine.V2 || (await Engine.ServiceContainersAsync(name)).Count != 1)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the deferred update should follow the end of the session");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        await Engine.WaitForHealthAsync(name, "healthy", TimeSpan.FromSeconds(10));
        var history = await agent.Client.GetStringAsync(new Uri("/api/updates/history", UriKind.Relative));
        history.ShouldContain("\"deferred\"");
        history.ShouldContain("\"updated\"");
    }

    [Fact]
    public async Task A_developer_can_force_an_update_while_captions_are_live()
    {
        var repository = Engine.NewRepository("force");
        var name = NewContainerName("force");
        await Engine.PushAsync(Engine.V1, repository);
        await Engine.RunServiceAsync(name, $"{repository}:stable");
        await Engine.PushAsync(Engine.V2, repository);
        Appliance.SessionState = "live";
        await using var agent = await AgentUnderTest.StartAsync(Settings("svc", name, $"{repository}:stable"));

        var forced = await agent.CheckAsync("svc", force: true);

        forced.GetProperty("result").GetString().ShouldBe("Updated", forced.ToString());
        (await Engine.Docker.Containers.InspectContainerAsync(name)).Image.ShouldBe(Engine.V2);
        (await agent.Client.GetStringAsync(new Uri("/api/updates/history", UriKind.Relative))).ShouldContain("\"forced\"");
    }
}
