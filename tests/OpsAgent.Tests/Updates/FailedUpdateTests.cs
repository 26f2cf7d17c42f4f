using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Docker.DotNet;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Tests.Infrastructure;
using LiveStt.OpsAgent.Updates;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Tests.Updates;

/// <summary>What a developer finds after an update failed: the real reason, the removed container's logs, no leftover image; and no site left without its service.</summary>
public sealed class FailedUpdateTests(DockerFixture docker) : AgentTest(docker)
{
    [Fact]
    public async Task A_broken_image_is_rolled_back_with_its_exit_code_and_last_output_its_logs_kept_and_its_image_pruned()
    {
        var repository = Engine.NewRepository("broken");
        var name = "opsagent-test-broken-" + Guid.NewGuid().ToString("N")[..6];
        await Engine.PushAsync(Engine.V1, repository);
        var original = await Engine.RunServiceAsync(name, $"{repository}:stable", env: new Dictionary<string, string> { ["API_TOKEN"] = "broken-test-secret-7d2e" });
        var brokenDigest = await Engine.PushAsync(Engine.Broken, repository);
        await Engine.TagAsync(Engine.V1, repository);
        await using var agent = await AgentUnderTest.StartAsync(new AgentSettings("svc", name, $"{repository}:stable", Appliance.Url));

        var result = await agent.CheckAsync("svc");

        result.GetProperty("result").GetString().ShouldBe("RolledBack", result.ToString());
        var detail = result.GetProperty("detail").GetString()!;
        // Docker's restart policy (kept from the old container) may have run it twice before the agent looked, and
        // a run's stdout and stderr lines carry the same timestamp, so either may come first.
        var line = $"(stdout loading|stderr {Regex.Escape(DockerFixture.BrokenOutput)})";
        detail.ShouldMatch($"^container exited with code 3 before becoming healthy; its last output: {line}( \\| {line}){{1,3}}; back on {ContainerSwapper.ShortId(Engine.V1)}; target recorded as failed and will not be retried$");
        detail.ShouldContain("stdout loading");
        detail.ShouldContain($"stderr {DockerFixture.BrokenOutput}");
        (await Engine.Docker.Containers.InspectContainerAsync(name)).ID.ShouldBe(original);

        var history = new UpdateHistory(Options.Create(new OpsAgentOptions { StateDirectory = agent.Settings.StateDirectory }), TimeProvider.System).Read();
        history.Single(e => e.Event == "rolled-back").Detail.ShouldBe(detail);
        history.Single(e => e.Event == "pruned").Detail.ShouldBe($"deleted {repository}@{brokenDigest}, the failed update's image; kept {ContainerSwapper.ShortId(Engine.V1)}");
        await Should.ThrowAsync<DockerImageNotFoundException>(() => Engine.Docker.Images.InspectImageAsync($"{repository}@{brokenDigest}"));
        (await Engine.Docker.Images.InspectImageAsync(Engine.V1)).ID.ShouldBe(Engine.V1, "the running version stays");

        using var response = await agent.Client.GetAsync(new Uri("/api/logs?hours=1", UriKind.Relative), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var files = await ExtractAsync(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var removed = files.Where(f => f.Key.StartsWith("logs/removed/", StringComparison.Ordinal)).ShouldHaveSingleItem();
        removed.Key.ShouldMatch(@"^logs/removed/\d+-svc-[0-9a-f]{12}\.log$");
        var lines = removed.Value.TrimEnd('\n').Split('\n');
        lines[0].ShouldMatch($@"^# svc: container [0-9a-f]{{12}} \({name}-next, image {Engine.Broken}\), removed \S+: rolled back: {Regex.Escape(detail.Split("; back on")[0])}$");
        lines.Skip(1).Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]).Distinct().ShouldBe(["stdout loading", $"stderr {DockerFixture.BrokenOutput}"], ignoreOrder: true, "stdout and stderr of one run interleave either way");
        foreach (var (file, content) in files)
        {
            content.ShouldNotContain("broken-test-secret-7d2e", customMessage: file);
        }
    }

    [Fact]
    public async Task A_rollback_whose_previous_container_is_gone_keeps_the_new_one_running_and_says_so()
    {
        var repository = Engine.NewRepository("gone");
        var name = "opsagent-test-gone-" + Guid.NewGuid().ToString("N")[..6];
        await Engine.PushAsync(Engine.V1, repository);
        var original = await Engine.RunServiceAsync(name, $"{repository}:stable");
        await Engine.PushAsync(Engine.V2, repository);
        var settings = new AgentSettings("svc", name, $"{repository}:stable", Appliance.Url).Set("OpsAgent:CheckInterval", "01:00:00");
        try
        {
            using (var first = await AgentProcess.StartAsync(settings.Set("OpsAgent:PauseAtSwapStep", nameof(SwapStep.NewStarted))))
            {
                await first.WaitForOutputAsync("Paused at swap point NewStarted", TimeSpan.FromSeconds(60));
                await first.KillAsync();
            }
            // Someone cleaned up by hand while the agent was down: the container a rollback would go back to is gone.
            await Engine.Docker.Containers.RemoveContainerAsync(original, new Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
            settings.Values.Remove("OpsAgent:PauseAtSwapStep");
            using var second = await AgentProcess.StartAsync(settings);
            var history = new UpdateHistory(Options.Create(new OpsAgentOptions { StateDirectory = settings.StateDirectory }), TimeProvider.System);
            var stopwatch = Stopwatch.StartNew();
            UpdateHistoryEntry? kept;
            while ((kept = history.Read().LastOrDefault(e => e.Event == "kept-new")) is null)
            {
                stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), second.Output);
                await Task.Delay(200);
            }

            kept.Detail.ShouldBe($"swap was interrupted during step NewStarted; the previous container is gone, so the new container stays and runs {ContainerSwapper.ShortId(Engine.V2)}");
            var containers = await Engine.ServiceContainersAsync(name);
            containers.Count.ShouldBe(1);
            containers[0].Names.ShouldBe([$"/{name}"]);
            containers[0].ImageID.ShouldBe(Engine.V2);
            await Engine.WaitForHealthAsync(containers[0].ID, "healthy", TimeSpan.FromSeconds(10));
            File.Exists(Path.Combine(settings.StateDirectory, "swap-svc.json")).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(settings.StateDirectory, recursive: true);
        }
    }

    private static async Task<Dictionary<string, string>> ExtractAsync(byte[] bundle)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var gzip = new GZipStream(new MemoryStream(bundle), CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            using var reader = new StreamReader(entry.DataStream!, Encoding.UTF8);
            files[entry.Name] = await reader.ReadToEndAsync();
        }
        return files;
    }
}
