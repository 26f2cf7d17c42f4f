using System.Diagnostics;
using System.Formats.Tar;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Tests.Infrastructure;
using LiveStt.OpsAgent.Updates;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Tests.Updates;

/// <summary>
/// The agent, published trimmed and self-contained as it ships and run in a container from an image on the
/// appliance's base (debian:trixie-slim), updates itself through the helper container: a good image is swapped
/// in, and one whose health check fails is rolled back by the helper to the exact previous agent container.
/// </summary>
public sealed class SelfUpdateTests(DockerFixture docker) : IAsyncLifetime
{
    private const string BaseImage = "debian:trixie-slim";
    private readonly string _work = Directory.CreateTempSubdirectory("opsagent-self-").FullName;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await docker.RemoveTestContainersAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task The_agent_updates_itself_through_a_helper_container_and_the_helper_rolls_back_a_failing_image()
    {
        try
        {
            await docker.Docker.Images.InspectImageAsync(BaseImage, TestContext.Current.CancellationToken);
        }
        catch (DockerImageNotFoundException)
        {
            Assert.Fail($"{BaseImage} is missing: scripts/base-image.sh makes it (scripts/test.sh runs it before these tests)");
        }
        var publish = await PublishAgentAsync();
        var imageA = await BuildAsync("a", publish, $"FROM {BaseImage}\nCOPY publish/ /opt/opsagent/\nENV DOTNET_RUNNING_IN_CONTAINER=true DOTNET_gcServer=0\n"
            + "HEALTHCHECK --interval=1s --timeout=2s --retries=3 CMD [\"bash\",\"-c\",\"exec 3<>/dev/tcp/127.0.0.1/$OPSAGENT_TEST_PORT && printf 'GET /healthz HTTP/1.0\\\\r\\\\n\\\\r\\\\n' >&3 && head -n1 <&3 | grep -q ' 200 '\"]\n"
            + "ENTRYPOINT [\"/opt/opsagent/LiveStt.OpsAgent\"]\nLABEL livestt.test.agent=a\n");
        var imageB = await BuildAsync("b", null, $"FROM {imageA}\nLABEL livestt.test.agent=b\n");
        var imageC = await BuildAsync("c", null, $"FROM {imageB}\nLABEL livestt.test.agent=c\nHEALTHCHECK --interval=1s --timeout=2s --retries=2 CMD [\"false\"]\n");

        var repository = docker.NewRepository("agent");
        await docker.PushAsync(imageA, repository);
        var name = "opsagent-test-self-" + Guid.NewGuid().ToString("N")[..6];
        var port = DockerFixture.FreePort();
        var state = Path.Combine(_work, "state");
        Directory.CreateDirectory(state);
        var created = await RunAgentAsync(name, $"{repository}:stable", repository, port, state, extraEnv: []);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(1) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AgentSettings.Token);
        var history = new UpdateHistory(Options.Create(new OpsAgentOptions { StateDirectory = state }), TimeProvider.System);

        await docker.PushAsync(imageB, repository);
        (await CheckAsync(http)).ShouldBe("HandedToHelper");
        await WaitForAsync(history, "updated", name);
        var updated = await docker.Docker.Containers.InspectContainerAsync(name, TestContext.Current.CancellationToken);
        updated.Image.ShouldBe(imageB);
        updated.ID.ShouldNotBe(created);
        updated.Config!.Env.ShouldContain($"ASPNETCORE_URLS=http://127.0.0.1:{port}");
        updated.HostConfig!.Binds.ShouldContain("/var/run/docker.sock:/var/run/docker.sock");
        await docker.WaitForHealthAsync(updated.ID, "healthy", TimeSpan.FromSeconds(30));
        (await docker.ServiceContainersAsync(name)).Count.ShouldBe(1);

        var digestC = await docker.PushAsync(imageC, repository);
        (await CheckAsync(http)).ShouldBe("HandedToHelper");
        await WaitForAsync(history, "rolled-back", name);
        var rolledBack = await docker.Docker.Containers.InspectContainerAsync(name, TestContext.Current.CancellationToken);
        rolledBack.ID.ShouldBe(updated.ID, "the helper restarts the exact previous agent container");
        rolledBack.Image.ShouldBe(imageB);
        await docker.WaitForHealthAsync(rolledBack.ID, "healthy", TimeSpan.FromSeconds(30));
        (await docker.ServiceContainersAsync(name)).Count.ShouldBe(1);
        new AgentStateStore(Options.Create(new OpsAgentOptions { StateDirectory = state })).IsFailed("agent", digestC).ShouldBeTrue();
        (await CheckAsync(http)).ShouldBe("SkippedFailedTarget");
        history.Read().ShouldContain(e => e.Event == "rolled-back" && e.Detail.Contains("unhealthy"));

        // SIGKILL the helper at the step where no agent runs at all (old stopped, new not started): Docker restarts
        // the helper, which recovers its journal and brings the previous agent back.
        await docker.Docker.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true }, TestContext.Current.CancellationToken);
        var paused = await RunAgentAsync(name, imageB, repository, port, state, extraEnv: ["OpsAgent__PauseAtSwapStep=OldStopped"]);
        await docker.PushAsync(imageA, repository);
        var stepsBefore = history.Read().Count(e => e.Step == "OldStopped");
        (await CheckAsync(http)).ShouldBe("HandedToHelper");
        var stopwatch = Stopwatch.StartNew();
        while (history.Read().Count(e => e.Step == "OldStopped") == stepsBefore)
        {
            stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), await HelperLogsAsync(name));
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var helper = await docker.Docker.Containers.InspectContainerAsync(name + "-updater", TestContext.Current.CancellationToken);
        (await docker.ServiceContainersAsync(name)).Count(c => c.State == "running").ShouldBe(0, "paused between stopping the old agent and starting the new");
        var rollbacksBefore = history.Read().Count(e => e.Event == "rolled-back");
        using (var process = Process.GetProcessById((int)helper.State!.Pid))
        {
            process.Kill();
        }

        // Docker restarts the helper; it is watched while it recovers, because once it has finished the restored
        // agent removes it on start-up.
        var restartWatch = Stopwatch.StartNew();
        while ((await docker.Docker.Containers.InspectContainerAsync(name + "-updater", TestContext.Current.CancellationToken)).RestartCount < 1)
        {
            restartWatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "Docker did not restart the killed helper");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        await WaitForAsync(history, "rolled-back", name, rollbacksBefore);
        var recovered = await docker.Docker.Containers.InspectContainerAsync(name, TestContext.Current.CancellationToken);
        recovered.ID.ShouldBe(paused);
        recovered.Image.ShouldBe(imageB);
        await docker.WaitForHealthAsync(recovered.ID, "healthy", TimeSpan.FromSeconds(30));
        (await docker.ServiceContainersAsync(name)).Count.ShouldBe(1);
        var finishedHelper = (await docker.Docker.Containers.ListContainersAsync(
            new ContainersListParameters { All = true, Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [name + "-updater"] = true } } },
            TestContext.Current.CancellationToken)).SingleOrDefault(c => c.Names.Contains("/" + name + "-updater"));
        if (finishedHelper is not null)
        {
            finishedHelper.State.ShouldNotBe("running");
            (await docker.Docker.Containers.InspectContainerAsync(finishedHelper.ID, TestContext.Current.CancellationToken)).State!.ExitCode.ShouldBe(0);
        }

        history.Read().ShouldContain(e => e.Event == "recovering" && e.Detail.Contains("OldStopped"));
    }

    private async Task<string> RunAgentAsync(string name, string image, string repository, int port, string state, string[] extraEnv)
    {
        var created = await docker.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = image,
            Env =
            [
                .. extraEnv,
                $"OPSAGENT_TEST_PORT={port}",
                $"ASPNETCORE_URLS=http://127.0.0.1:{port}",
                "OpsAgent__StateDirectory=/state",
                $"OpsAgent__ApiToken={AgentSettings.Token}",
                "OpsAgent__Services__0__Name=agent",
                $"OpsAgent__Services__0__ContainerName={name}",
                $"OpsAgent__Services__0__Image={repository}:stable",
                "OpsAgent__Services__0__IsAgent=true",
                "OpsAgent__CheckInterval=00:00:00",
                "OpsAgent__HealthyTimeout=00:00:30",
                "OpsAgent__StopTimeout=00:00:05",
                "OpsAgent__ApplianceUrl=http://127.0.0.1:9",
                "Logging__ConsoleFormat=text",
            ],
            Labels = new Dictionary<string, string> { [DockerFixture.TestLabel] = DockerFixture.TestLabelValue },
            HostConfig = new HostConfig
            {
                NetworkMode = "host",
                Binds = ["/var/run/docker.sock:/var/run/docker.sock", $"{state}:/state"],
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
            },
        }, TestContext.Current.CancellationToken);
        await docker.Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), TestContext.Current.CancellationToken);
        await docker.WaitForHealthAsync(created.ID, "healthy", TimeSpan.FromSeconds(60));
        return created.ID;
    }

    private static async Task<string> CheckAsync(HttpClient http)
    {
        using var response = await http.PostAsync(new Uri("/api/updates/check?service=agent", UriKind.Relative), null, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return body[0].GetProperty("result").GetString()!;
    }

    private async Task WaitForAsync(UpdateHistory history, string @event, string name, int? seenBefore = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var seen = seenBefore ?? history.Read().Count(e => e.Event == @event);
        while (history.Read().Count(e => e.Event == @event) == seen || await HelperRunningAsync(name))
        {
            if (stopwatch.Elapsed > TimeSpan.FromSeconds(120))
            {
                var logs = await HelperLogsAsync(name);
                Assert.Fail($"no '{@event}' in the history after {stopwatch.Elapsed}:\n{string.Join('\n', history.Read().Select(e => $"{e.Event} {e.Step} {e.Detail}"))}\nhelper:\n{logs}");
            }
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    private async Task<bool> HelperRunningAsync(string name)
    {
        try
        {
            var helper = await docker.Docker.Containers.InspectContainerAsync(name + "-updater", TestContext.Current.CancellationToken);
            return helper.State?.Running == true || helper.State?.Restarting == true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    private async Task<string> HelperLogsAsync(string name)
    {
        try
        {
            using var logs = await docker.Docker.Containers.GetContainerLogsAsync(name + "-updater", new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, TestContext.Current.CancellationToken);
            var (stdout, stderr) = await logs.ReadOutputToEndAsync(TestContext.Current.CancellationToken);
            return stdout + stderr;
        }
        catch (DockerContainerNotFoundException)
        {
            return "(no helper container)";
        }
    }

    private async Task<string> PublishAgentAsync()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LiveStt.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
        var rid = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        var output = Path.Combine(_work, "publish");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        using var process = Process.Start(new ProcessStartInfo(dotnet,
            ["publish", Path.Combine(root, "src/OpsAgent/LiveStt.OpsAgent.csproj"), "-c", "Release", "-r", rid, "--self-contained", "-o", output, "-nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        process.ExitCode.ShouldBe(0, await stdout + await stderr);
        return output;
    }

    private async Task<string> BuildAsync(string tag, string? publish, string dockerfile)
    {
        var context = Path.Combine(_work, "context-" + tag + ".tar");
        await using (var file = File.Create(context))
        await using (var tar = new TarWriter(file, TarEntryFormat.Pax))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(dockerfile)) };
            await tar.WriteEntryAsync(entry, TestContext.Current.CancellationToken);
            if (publish is not null)
            {
                foreach (var path in Directory.EnumerateFiles(publish, "*", SearchOption.AllDirectories))
                {
                    await tar.WriteEntryAsync(path, "publish/" + Path.GetRelativePath(publish, path), TestContext.Current.CancellationToken);
                }
            }
        }
        var errors = new List<string>();
        await using (var stream = File.OpenRead(context))
        {
            await docker.Docker.Images.BuildImageFromDockerfileAsync(
                new ImageBuildParameters { Tags = [$"{DockerFixture.LocalImages}/agent:{tag}"], Remove = true, ForceRemove = true },
                stream, [], new Dictionary<string, string>(),
                new SynchronousProgress<JSONMessage>(m =>
                {
                    if (m.Error is not null)
                    {
                        errors.Add(m.Error.Message ?? "build failed");
                    }
                }), TestContext.Current.CancellationToken);
        }
        errors.ShouldBeEmpty();
        return (await docker.Docker.Images.InspectImageAsync($"{DockerFixture.LocalImages}/agent:{tag}", TestContext.Current.CancellationToken)).ID;
    }
}
