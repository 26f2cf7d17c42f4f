using System.Formats.Tar;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveStt.OpsAgent.Offline;
using LiveStt.OpsAgent.Tests.Infrastructure;

namespace LiveStt.OpsAgent.Tests.Offline;

public sealed class OfflineUpdateTests(DockerFixture docker) : AgentTest(docker)
{
    private readonly string _work = Directory.CreateTempSubdirectory("opsagent-offline-").FullName;

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
    public async Task A_tarball_in_the_drop_folder_is_swapped_in_and_bad_uploads_change_nothing_and_say_why()
    {
        var repository = Engine.NewRepository("offline");
        var name = "opsagent-test-offline-" + Guid.NewGuid().ToString("N")[..6];
        await Engine.PushAsync(Engine.V1, repository);
        var original = await Engine.RunServiceAsync(name, $"{repository}:stable");
        var drop = Path.Combine(_work, "drop");
        var settings = new AgentSettings("svc", name, $"{repository}:stable", Appliance.Url).Set("OpsAgent:OfflineDropDirectory", drop);
        await using var agent = await AgentUnderTest.StartAsync(settings);

        // A v2 image saved under the service's repository, as a developer would ship it on a stick.
        var good = Path.Combine(_work, "v2.tar");
        await Engine.SaveAsync(Engine.V2, repository, "offline", good);

        var corrupt = Path.Combine(_work, "corrupt.tar");
        await File.WriteAllBytesAsync(corrupt, Encoding.UTF8.GetBytes(new string('x', 5000)), TestContext.Current.CancellationToken);
        var truncated = Path.Combine(_work, "truncated.tar");
        var goodBytes = await File.ReadAllBytesAsync(good, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(truncated, goodBytes[..(goodBytes.Length * 2 / 3)], TestContext.Current.CancellationToken);
        var foreign = Path.Combine(_work, "arm64.tar");
        await RewriteArchitectureAsync(good, foreign, "arm64");

        foreach (var (path, reason) in new[]
            {
                (corrupt, "not a readable image tarball: it is not a tar archive, plain or gzip, as docker save writes one"),
                (truncated, "not a readable image tarball: it ends part-way through (cut short, or still being copied)"),
                (foreign, "architecture 'arm64', this machine is 'amd64'"),
            })
        {
            using var content = new StreamContent(File.OpenRead(path));
            using var response = await agent.Client.PostAsync(new Uri("/api/updates/offline", UriKind.Relative), content, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, Path.GetFileName(path));
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            body.RootElement.GetProperty("result").GetString().ShouldBe("Refused");
            var detail = body.RootElement.GetProperty("detail").GetString()!;
            if (path == foreign)
            {
                detail.ShouldContain(reason);
            }
            else
            {
                detail.ShouldBe(reason);
            }
            var running = await Engine.Docker.Containers.InspectContainerAsync(name, TestContext.Current.CancellationToken);
            running.ID.ShouldBe(original);
            running.State!.Running.ShouldBeTrue();
        }
        (await Engine.ServiceContainersAsync(name)).Count.ShouldBe(1);

        Directory.CreateDirectory(drop);
        File.Copy(good, Path.Combine(drop, "v2.tar"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(Path.Combine(drop, "processed", "v2.tar.txt")))
        {
            var rejected = Path.Combine(drop, "rejected", "v2.tar.txt");
            File.Exists(rejected).ShouldBeFalse(File.Exists(rejected) ? File.ReadAllText(rejected) : "");
            DateTime.UtcNow.ShouldBeLessThan(deadline);
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        (await File.ReadAllTextAsync(Path.Combine(drop, "processed", "v2.tar.txt"), TestContext.Current.CancellationToken)).ShouldStartWith("Updated");
        var updated = await Engine.Docker.Containers.InspectContainerAsync(name, TestContext.Current.CancellationToken);
        updated.Image.ShouldBe(Engine.V2);
        updated.State!.Health!.Status.ShouldBe("healthy");
        (await Engine.ServiceContainersAsync(name)).Count.ShouldBe(1);

        // The registry still names v1; the offline update must not be undone by the next check.
        (await agent.CheckAsync("svc")).GetProperty("result").GetString().ShouldBe("UpToDate");
        (await Engine.Docker.Containers.InspectContainerAsync(name, TestContext.Current.CancellationToken)).Image.ShouldBe(Engine.V2);
    }

    [Fact]
    public async Task A_tarball_with_a_missing_layer_is_refused_before_loading()
    {
        var source = Path.Combine(_work, "v1.tar");
        await using (var saved = await Engine.Docker.Images.SaveImageAsync(Engine.V1, TestContext.Current.CancellationToken))
        await using (var file = File.Create(source))
        {
            await saved.CopyToAsync(file, TestContext.Current.CancellationToken);
        }
        var broken = Path.Combine(_work, "nolayer.tar");
        await CopyTarAsync(source, broken, entry => !entry.Name.EndsWith("layer.tar", StringComparison.Ordinal) && !entry.Name.StartsWith("blobs/", StringComparison.Ordinal) ? entry : null);

        var error = await Should.ThrowAsync<InvalidDataException>(() => ImageTarballInspector.InspectAsync(broken, "amd64", TestContext.Current.CancellationToken));
        error.Message.ShouldContain("missing");
        (await ImageTarballInspector.InspectAsync(source, "amd64", TestContext.Current.CancellationToken)).ImageId.ShouldBe(Engine.V1);
    }

    [Fact]
    public async Task A_tarball_the_engine_fails_to_load_is_reported_and_the_watcher_takes_the_next_one()
    {
        var repository = Engine.NewRepository("offline-engine");
        var name = "opsagent-test-offline-engine-" + Guid.NewGuid().ToString("N")[..6];
        await Engine.PushAsync(Engine.V1, repository);
        await Engine.RunServiceAsync(name, $"{repository}:stable");
        var good = Path.Combine(_work, "v2.tar");
        await Engine.SaveAsync(Engine.V2, repository, "offline", good);
        // Complete and well-formed, so it passes the agent's own reading; the engine finds that the last layer is not
        // the one the image's config names (a layer it does not have, so it must read this one).
        var swappedLayer = Path.Combine(_work, "swapped-layer.tar");
        var named = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var layer = -1;
        await CopyTarAsync(good, swappedLayer, entry =>
        {
            if (!IsImageConfig(entry))
            {
                return entry;
            }
            var config = JsonNode.Parse(entry.DataStream!)!;
            var diffIds = config["rootfs"]!["diff_ids"]!.AsArray();
            layer = diffIds.Count - 1;
            diffIds[layer] = "sha256:" + named;
            return new PaxTarEntry(TarEntryType.RegularFile, entry.Name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(config.ToJsonString())) };
        });
        var drop = Path.Combine(_work, "drop");
        Directory.CreateDirectory(drop);
        var settings = new AgentSettings("svc", name, $"{repository}:stable", Appliance.Url).Set("OpsAgent:OfflineDropDirectory", drop);
        await using var agent = await AgentUnderTest.StartAsync(settings);

        File.Copy(swappedLayer, Path.Combine(drop, "a-swapped-layer.tar"));
        var refusal = Path.Combine(drop, "rejected", "a-swapped-layer.tar.txt");
        await WaitForFileAsync(refusal);
        (await File.ReadAllTextAsync(refusal, TestContext.Current.CancellationToken)).ShouldMatch(
            $$"""^Refused: the engine refused the image: invalid diffID for layer {{layer}}: expected "sha256:{{named}}", got "sha256:[0-9a-f]{64}"; the engine does not have sha256:[0-9a-f]{64} after the load\n$""");
        (await Engine.Docker.Containers.InspectContainerAsync(name, TestContext.Current.CancellationToken)).Image.ShouldBe(Engine.V1);

        File.Copy(good, Path.Combine(drop, "b-good.tar"));
        var processed = Path.Combine(drop, "processed", "b-good.tar.txt");
        await WaitForFileAsync(processed);
        (await File.ReadAllTextAsync(processed, TestContext.Current.CancellationToken)).ShouldStartWith("Updated: ");
        (await Engine.Docker.Containers.InspectContainerAsync(name, TestContext.Current.CancellationToken)).Image.ShouldBe(Engine.V2);
    }

    private static async Task WaitForFileAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(path))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, path);
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private static bool IsImageConfig(TarEntry entry) =>
        entry.Name.EndsWith(".json", StringComparison.Ordinal) && entry.Name is not "manifest.json" && !entry.Name.EndsWith("/json", StringComparison.Ordinal);

    private static async Task RewriteArchitectureAsync(string source, string target, string architecture)
    {
        await CopyTarAsync(source, target, entry =>
        {
            if (!IsImageConfig(entry))
            {
                return entry;
            }
            var config = JsonNode.Parse(entry.DataStream!)!;
            config["architecture"] = architecture;
            return new PaxTarEntry(TarEntryType.RegularFile, entry.Name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(config.ToJsonString())) };
        });
    }

    private static async Task CopyTarAsync(string source, string target, Func<TarEntry, TarEntry?> map)
    {
        await using var input = File.OpenRead(source);
        await using var reader = new TarReader(input);
        await using var output = File.Create(target);
        await using var writer = new TarWriter(output, TarEntryFormat.Pax);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (map(entry) is { } mapped)
            {
                await writer.WriteEntryAsync(mapped);
            }
        }
    }
}
