using System.Text.Json;
using LiveStt.EndToEnd.Tests.Infrastructure;

namespace LiveStt.EndToEnd.Tests;

/// <summary>
/// The README's ops setup, command for command, against a real registry: the block marked <c>ops-setup</c> is read
/// from README.md and run line by line in a site folder (so the README cannot drift from what is tested), with the
/// example registry and the agent's port swapped for the test's own. The agent, on the host's network as the compose
/// file puts it, must reach the registry on 127.0.0.1 and find both services running their tag's current digest.
/// </summary>
public sealed class OpsSetupTests
{
    private const string ExampleRegistry = "registry.example:5000";
    private const string ExampleAgentAddress = "127.0.0.1:8090";

    [Fact]
    public async Task The_readme_ops_commands_in_order_start_an_agent_whose_update_check_reaches_a_registry_on_loopback()
    {
        var lines = ReadmeBlock.Lines("ops-setup");
        lines[0].ShouldBe("scripts/build-opsagent-image.sh", "the block starts by building the agent's image");
        string.Join('\n', lines).Split(ExampleRegistry).Length.ShouldBe(2, $"the block names {ExampleRegistry} once");

        var applianceImage = await ApplianceContainer.ImageAsync();
        await using var registry = await LocalRegistry.StartAsync();
        await using var site = await OpsSite.CreateAsync(applianceImage, agentImage: "livestt/opsagent:local");
        var applianceDigest = await registry.PushAsync(applianceImage, "livestt/appliance", "stable");

        var outputs = new List<string>();
        var agentDigest = "";
        for (var i = 0; i < lines.Count; i++)
        {
            var command = lines[i].Replace(ExampleRegistry, registry.Address, StringComparison.Ordinal)
                .Replace(ExampleAgentAddress, $"127.0.0.1:{site.AgentPort}", StringComparison.Ordinal);
            outputs.Add(await site.RunAsync(command, TimeSpan.FromMinutes(15)));
            if (i == 0)
            {
                // The release the box runs is what the site's registry serves; the agent's image exists from here on.
                agentDigest = await registry.PushAsync("livestt/opsagent:local", "livestt/opsagent", "stable");
            }
        }

        using (var health = JsonDocument.Parse(outputs[^2]))
        {
            health.RootElement.GetProperty("checks").GetArrayLength().ShouldBeGreaterThan(0, outputs[^2]);
        }

        using var check = JsonDocument.Parse(outputs[^1]);
        check.RootElement.EnumerateArray()
            .Select(r => $"{r.GetProperty("service").GetString()} {r.GetProperty("result").GetString()} {r.GetProperty("detail").GetString()} {r.GetProperty("target").GetString()}")
            .ShouldBe(
            [
                $"appliance UpToDate running the tag's current digest {applianceDigest}",
                $"agent UpToDate running the tag's current digest {agentDigest}",
            ], outputs[^1]);

        var token = (await File.ReadAllTextAsync(Path.Combine(site.Directory, ".secrets", "opsagent-token"), TestContext.Current.CancellationToken)).Trim();
        token.Length.ShouldBeGreaterThanOrEqualTo(16);
        (await DockerCli.RunAsync(["inspect", "-f", "{{.HostConfig.NetworkMode}} {{.State.Health.Status}}", site.AgentContainerName], TimeSpan.FromSeconds(30)))
            .ShouldBe("host healthy");
    }
}
