using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveStt.EndToEnd.Tests.Infrastructure;

namespace LiveStt.EndToEnd.Tests;

/// <summary>
/// Over-the-air updates as a site gets them: the real agent image and the real appliance image, started by the compose
/// file, a registry on loopback, and a phone that stays on the page. A new release (the same appliance re-labelled, so
/// its digest differs) is swapped in and the phone gets captions from it; then a broken release (it exits at once) is
/// rolled back, the history says why, and the phone gets captions again. Times are not judged here: the timeline goes to
/// the test artifacts (ota-timeline.json), and scripts/bench/ota-caption-gap.sh reads the gaps from it.
/// </summary>
public sealed class OtaUpdateTests
{
    private const string BrokenOutput = "fatal: the model file /models/ggml.bin is not a whisper model";
    private static readonly TimeSpan CaptionTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_good_release_is_swapped_in_and_a_broken_one_rolled_back_while_a_viewer_keeps_getting_captions()
    {
        var cancel = TestContext.Current.CancellationToken;
        var applianceImage = await ApplianceContainer.ImageAsync();
        var agentImage = await OpsAgentImage.GetAsync();
        await using var registry = await LocalRegistry.StartAsync();
        var site = await OpsSite.CreateAsync(applianceImage, agentImage, registry.Address);
        var good = $"livestt-e2e-{site.Id}/appliance:good";
        var broken = $"livestt-e2e-{site.Id}/appliance:broken";
        var timeline = new OtaTimeline();
        string[] builtIds = [];
        try
        {
            await registry.PushAsync(applianceImage, "livestt/appliance", "stable");
            await site.RunAsync("mkdir -p -m 0700 .secrets && (umask 077; head -c 24 /dev/urandom | base64 > .secrets/opsagent-token)", TimeSpan.FromMinutes(1));
            await site.RunAsync("docker compose --profile ops up -d --wait --wait-timeout 300", TimeSpan.FromMinutes(6));
            var goodId = await BuildAsync(good, $"FROM {applianceImage}\nLABEL livestt.test.release=good-{site.Id}\n");
            var brokenId = await BuildAsync(broken,
                $"FROM {applianceImage}\nLABEL livestt.test.release=broken-{site.Id}\nENTRYPOINT [\"/bin/sh\", \"-c\", \"echo '{BrokenOutput}' >&2; exit 3\"]\n");
            builtIds = [goodId, brokenId];

            using var agent = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{site.AgentPort}"), Timeout = TimeSpan.FromMinutes(6) };
            var token = (await File.ReadAllTextAsync(Path.Combine(site.Directory, ".secrets", "opsagent-token"), cancel)).Trim();
            agent.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            await using var viewer = new SwapWatchingViewer(site.ApplianceAddress);
            viewer.Start();
            timeline.Watch(viewer);
            var first = await viewer.WaitForCommittedAsync(_ => true, CaptionTimeout);

            // A good release: swapped in, and the phone reads captions from the new container.
            var goodDigest = await registry.PushAsync(good, "livestt/appliance", "stable");
            var updated = await timeline.ForceAsync("good", agent, cancel);
            updated.GetProperty("result").GetString().ShouldBe("Updated", updated.ToString());
            updated.GetProperty("target").GetString().ShouldBe(goodDigest);
            (await ImageOfAsync(site.ApplianceContainerName)).ShouldBe(goodId);
            // The phone reads on from the new container, in the same caption session: an update does not end it.
            var afterGood = await viewer.WaitForCommittedAsync(c => c.Connection > first.Connection, CaptionTimeout);
            afterGood.Caption.SessionId.ShouldBe(first.Caption.SessionId);

            // A broken release: it exits at once, the old container comes back, and so do the captions.
            await registry.PushAsync(broken, "livestt/appliance", "stable");
            var rolledBack = await timeline.ForceAsync("broken", agent, cancel);
            rolledBack.GetProperty("result").GetString().ShouldBe("RolledBack", rolledBack.ToString());
            var detail = rolledBack.GetProperty("detail").GetString()!;
            detail.ShouldMatch(
                $"^container exited with code 3 before becoming healthy; its last output: stderr {Regex.Escape(BrokenOutput)}( \\| stderr {Regex.Escape(BrokenOutput)})*"
                + $"; back on {goodId[7..19]}; target recorded as failed and will not be retried$");
            (await ImageOfAsync(site.ApplianceContainerName)).ShouldBe(goodId);
            var afterRollback = await viewer.WaitForCommittedAsync(c => c.Connection > afterGood.Connection, CaptionTimeout);
            afterRollback.Caption.SessionId.ShouldBe(first.Caption.SessionId);

            var history = await timeline.ReadHistoryAsync(agent, cancel);
            history.Where(h => h.Service == "appliance" && h.Event is "updated" or "rolled-back").Select(h => h.Event).ShouldBe(["updated", "rolled-back"]);
            history.Last(h => h.Event == "rolled-back").Detail.ShouldBe(detail);
        }
        finally
        {
            await timeline.WriteAsync(Path.Combine(TestEnvironment.ArtifactsDirectory, "ota-timeline.json"));
            // The containers go first: an image a container still uses cannot be removed.
            await site.DisposeAsync();
            // By ID: the agent's pull by digest gave the same images names of their own.
            await DockerCli.RunAsync(["rmi", "-f", good, broken, .. builtIds], TimeSpan.FromMinutes(1), throwOnError: false);
        }
    }

    private static async Task<string> BuildAsync(string tag, string dockerfile)
    {
        var (code, stdout, stderr) = await ExternalTool.ExecAsync(
            "bash", ["-c", $"docker build -q -t {tag} - <<'DOCKERFILE'\n{dockerfile}DOCKERFILE"], TimeSpan.FromMinutes(5));
        code.ShouldBe(0, stderr);
        return stdout.Trim();
    }

    private static Task<string> ImageOfAsync(string container) =>
        DockerCli.RunAsync(["inspect", "-f", "{{.Image}}", container], TimeSpan.FromSeconds(30));
}
