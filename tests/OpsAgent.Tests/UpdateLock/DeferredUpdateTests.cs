using LiveStt.OpsAgent.Tests.Infrastructure;

namespace LiveStt.OpsAgent.Tests.UpdateLock;

/// <summary>
/// Updates deferred while captions are live outlive the agent: the real agent process is killed with SIGKILL while
/// one waits, and the next agent applies it when the session ends. Until then nothing on the box names the
/// unchecked image.
/// </summary>
public sealed class DeferredUpdateTests(DockerFixture docker) : AgentTest(docker)
{
    private readonly string _work = Directory.CreateTempSubdirectory("opsagent-deferred-").FullName;

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public async Task A_deferred_registry_update_survives_a_kill_of_the_agent_and_the_tag_moves_only_when_it_is_applied()
    {
        var repository = Engine.NewRepository("deferred");
        var name = "opsagent-test-deferred-" + Guid.NewGuid().ToString("N")[..6];
        await Engine.PushAsync(Engine.V1, repository);
        var original = await Engine.RunServiceAsync(name, $"{repository}:stable");
        await Engine.PushAsync(Engine.V2, repository);
        // The box's own tag still names what it runs; the push above moved it on this machine.
        await Engine.TagAsync(Engine.V1, repository);
        Appliance.SessionState = "live";
        var settings = new AgentSettings("svc", name, $"{repository}:stable", Appliance.Url);
        try
        {
            using (var first = await AgentProcess.StartAsync(settings))
            {
                var deferred = await first.Client.CheckAsync("svc");
                deferred.GetProperty("result").GetString().ShouldBe("Deferred");
                deferred.GetProperty("detail").GetString().ShouldBe("captions are live");
                (await Engine.Docker.Images.InspectImageAsync($"{repository}:stable")).ID.ShouldBe(Engine.V1, "a deferred pull names nothing");
                await first.KillAsync();
            }

            // Scheduled checks are off: only the deferral kept on disk can bring the update back.
            using var second = await AgentProcess.StartAsync(settings);
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            (await Engine.Docker.Containers.InspectContainerAsync(name)).ID.ShouldBe(original, "still live: nothing moves");
            (await Engine.Docker.Images.InspectImageAsync($"{repository}:stable")).ID.ShouldBe(Engine.V1);

            Appliance.SessionState = "idle";
            await WaitForAsync(async () => (await Engine.Docker.Containers.InspectContainerAsync(name)).Image == Engine.V2
                && (await Engine.ServiceContainersAsync(name)).Count == 1, TimeSpan.FromSeconds(60), second);
            await Engine.WaitForHealthAsync(name, "healthy", TimeSpan.FromSeconds(20));
            (await Engine.Docker.Images.InspectImageAsync($"{repository}:stable")).ID.ShouldBe(Engine.V2, "the tag moves with the commit");
            var history = await File.ReadAllLinesAsync(settings.HistoryPath, TestContext.Current.CancellationToken);
            history.ShouldContain(line => line.Contains("\"event\":\"updated\"", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(settings.StateDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_deferred_tarball_waits_in_the_drop_folder_across_a_kill_of_the_agent_and_is_applied_when_the_session_ends()
    {
        var repository = Engine.NewRepository("deferred-offline");
        var name = "opsagent-test-deferred-offline-" + Guid.NewGuid().ToString("N")[..6];
        await Engine.PushAsync(Engine.V1, repository);
        var original = await Engine.RunServiceAsync(name, $"{repository}:stable");
        var tarball = Path.Combine(_work, "v2.tar");
        await Engine.SaveAsync(Engine.V2, repository, "offline", tarball);
        var drop = Path.Combine(_work, "drop");
        Directory.CreateDirectory(drop);
        Appliance.SessionState = "live";
        var settings = new AgentSettings("svc", name, $"{repository}:stable", Appliance.Url).Set("OpsAgent:OfflineDropDirectory", drop);
        var kept = Path.Combine(drop, "deferred", "v2.tar");
        try
        {
            using (var first = await AgentProcess.StartAsync(settings))
            {
                File.Copy(tarball, Path.Combine(drop, "v2.tar"));
                await WaitForAsync(() => Task.FromResult(File.Exists(kept)), TimeSpan.FromSeconds(60), first);
                await first.KillAsync();
            }
            File.Exists(Path.Combine(drop, "v2.tar")).ShouldBeFalse();

            using var second = await AgentProcess.StartAsync(settings);
            await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
            File.Exists(kept).ShouldBeTrue("kept while its update waits, also after the restart");
            (await Engine.Docker.Containers.InspectContainerAsync(name)).ID.ShouldBe(original);

            Appliance.SessionState = "idle";
            var note = Path.Combine(drop, "processed", "v2.tar.txt");
            await WaitForAsync(() => Task.FromResult(File.Exists(note)), TimeSpan.FromSeconds(60), second);
            (await File.ReadAllTextAsync(note, TestContext.Current.CancellationToken)).ShouldStartWith("Updated: ");
            File.Exists(kept).ShouldBeFalse();
            File.Exists(Path.Combine(drop, "processed", "v2.tar")).ShouldBeTrue();
            var running = await Engine.Docker.Containers.InspectContainerAsync(name);
            running.Image.ShouldBe(Engine.V2);
            (await Engine.ServiceContainersAsync(name)).Count.ShouldBe(1);
        }
        finally
        {
            Directory.Delete(settings.StateDirectory, recursive: true);
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, AgentProcess agent)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, agent.Output);
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
