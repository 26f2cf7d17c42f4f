using LiveStt.OpsAgent.Tests.Infrastructure;

namespace LiveStt.OpsAgent.Tests.Updates;

/// <summary>
/// A release tag that is a manifest list over an amd64 and an arm64 image, in the real registry: the agent follows
/// the list's digest, pulls the image of the box's platform (the engine's own, or the Platform setting) and swaps it
/// in; the next check finds the running image's RepoDigests naming the list, so nothing is pulled twice.
/// </summary>
public sealed class MultiArchUpdateTests(DockerFixture docker) : AgentTest(docker)
{
    [Fact]
    public async Task A_manifest_list_update_is_applied_with_the_image_for_the_engines_own_architecture()
    {
        var engine = await Engine.Docker.System.GetVersionAsync();
        engine.Arch.ShouldBe("amd64", "the list's amd64 image is the fixture's busybox one, built from this machine's /bin/busybox");
        var (repository, name) = await RunV1Async("multiarch");
        var (listDigest, _) = await PushReleaseAsync(repository);
        await using var agent = await AgentUnderTest.StartAsync(Settings("svc", name, $"{repository}:stable"));

        var updated = await agent.CheckAsync("svc");

        updated.GetProperty("result").GetString().ShouldBe("Updated", updated.ToString());
        updated.GetProperty("target").GetString().ShouldBe(listDigest);
        var running = await Engine.Docker.Containers.InspectContainerAsync(name);
        running.Image.ShouldBe(Engine.V2);
        running.Config!.Labels["livestt.test.version"].ShouldBe("v2");
        var image = await Engine.Docker.Images.InspectImageAsync(running.Image);
        image.Architecture.ShouldBe("amd64");
        image.RepoDigests.ShouldContain($"{repository}@{listDigest}");
        var again = await agent.CheckAsync("svc");
        again.GetProperty("result").GetString().ShouldBe("UpToDate", again.ToString());
        again.GetProperty("detail").GetString().ShouldBe("running the tag's current digest");
    }

    [Fact]
    public async Task With_the_platform_set_to_linux_arm64_the_arm64_image_of_the_list_is_pulled_and_runs()
    {
        var (repository, name) = await RunV1Async("multiarch-arm64");
        var (listDigest, arm64) = await PushReleaseAsync(repository);
        await using var agent = await AgentUnderTest.StartAsync(Settings("svc", name, $"{repository}:stable").Set("OpsAgent:Platform", "linux/arm64"));

        var updated = await agent.CheckAsync("svc");

        updated.GetProperty("result").GetString().ShouldBe("Updated", updated.ToString());
        updated.GetProperty("target").GetString().ShouldBe(listDigest);
        var running = await Engine.Docker.Containers.InspectContainerAsync(name);
        running.Image.ShouldBe(arm64);
        running.Config!.Labels["livestt.test.version"].ShouldBe("v2-arm64");
        running.State!.Health!.Status.ShouldBe("healthy", "its health check passes only where uname -m says aarch64");
        var image = await Engine.Docker.Images.InspectImageAsync(running.Image);
        image.Architecture.ShouldBe("arm64");
        image.RepoDigests.ShouldContain($"{repository}@{listDigest}");
        (await agent.CheckAsync("svc")).GetProperty("result").GetString().ShouldBe("UpToDate");
    }

    [Fact]
    public async Task A_tag_with_only_an_image_for_another_architecture_is_not_swapped_in()
    {
        var engine = await Engine.Docker.System.GetVersionAsync();
        engine.Arch.ShouldNotBe("arm64");
        var (repository, name) = await RunV1Async("singlearch");
        var before = await Engine.Docker.Containers.InspectContainerAsync(name);
        await Engine.PushAsync(await Arm64Image.BuildAsync(Engine.Docker, "v2-arm64"), repository);
        await using var agent = await AgentUnderTest.StartAsync(Settings("svc", name, $"{repository}:stable"));

        var refused = await agent.CheckAsync("svc");

        refused.GetProperty("result").GetString().ShouldBe("Error", refused.ToString());
        refused.GetProperty("detail").GetString()!.ShouldContain($"{engine.Os}/{engine.Arch}");
        var running = await Engine.Docker.Containers.InspectContainerAsync(name);
        running.ID.ShouldBe(before.ID);
        running.Image.ShouldBe(Engine.V1);
    }

    /// <summary>A service running v1 from repository:stable, as the box had it before the release.</summary>
    private async Task<(string Repository, string Name)> RunV1Async(string what)
    {
        var repository = Engine.NewRepository(what);
        var name = NewContainerName(what);
        await Engine.PushAsync(Engine.V1, repository);
        await Engine.RunServiceAsync(name, $"{repository}:stable");
        return (repository, name);
    }

    /// <summary>Pushes v2 for amd64 and for arm64 under their own tags, then points stable at a manifest list over both.</summary>
    private async Task<(string ListDigest, string Arm64)> PushReleaseAsync(string repository)
    {
        var arm64 = await Arm64Image.BuildAsync(Engine.Docker, "v2-arm64");
        var amd64Digest = await Engine.PushAsync(Engine.V2, repository, "v2-amd64");
        var arm64Digest = await Engine.PushAsync(arm64, repository, "v2-arm64");
        var listDigest = await ManifestLists.PushAsync(repository, "stable", (amd64Digest, "linux", "amd64"), (arm64Digest, "linux", "arm64"));
        return (listDigest, arm64);
    }
}
