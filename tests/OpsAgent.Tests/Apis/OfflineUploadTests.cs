using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Tests.Infrastructure;
using static LiveStt.OpsAgent.Tests.Infrastructure.TarballEditor;

namespace LiveStt.OpsAgent.Tests.Apis;

/// <summary>
/// <c>POST /api/updates/offline</c> with hostile tarballs, against the real engine: each is refused with a 422 saying
/// why, before the engine loads anything, so no tag moves and the service keeps running; a bad query is refused
/// before the upload is stored.
/// </summary>
public sealed class OfflineUploadTests(DockerFixture engine) : AgentTest(engine)
{
    private const string Refused = "The image tarball was refused";
    private const string OutsidePath = "manifest.json names a path that leads outside the tarball: ";
    private const string NotReference = "which is not an image reference: ";
    private const string BadRepository = "the repository must be lower-case letters and digits, in parts joined by '.', '_', '__' or '-', separated by '/'.";
    private const string BadTag = "the tag must be 1 to 128 letters, digits, '_', '.' or '-', and not start with '.' or '-'.";

    [Fact]
    public async Task A_tarball_naming_another_repository_or_a_path_outside_itself_is_refused_and_nothing_is_loaded()
    {
        var repository = Engine.NewRepository("upload");
        var otherRepository = Engine.NewRepository("other");
        var stranger = Engine.NewRepository("stranger");
        var name = NewContainerName("upload");
        await Engine.PushAsync(Engine.V1, repository);
        var original = await Engine.RunServiceAsync(name, $"{repository}:stable");
        await using var agent = await AgentUnderTest.StartAsync(Settings("svc", name, $"{repository}:stable")
            .AddService(1, "other", NewContainerName("other"), $"{otherRepository}:stable"));
        var incoming = Path.Combine(agent.Settings.StateDirectory, "incoming");

        // The other service's local tag, which loading a tarball tagged for it would move.
        await Engine.TagAsync(Engine.V1, otherRepository, "offline");
        await Engine.TagAsync(Engine.V2, repository, "offline");
        byte[] good;
        await using (var saved = await Engine.Docker.Images.SaveImageAsync($"{repository}:offline", TestContext.Current.CancellationToken))
        using (var buffer = new MemoryStream())
        {
            await saved.CopyToAsync(buffer, TestContext.Current.CancellationToken);
            good = buffer.ToArray();
        }
        // Untagged again, so that a load would show: the tag would be back.
        await Engine.Docker.Images.DeleteImageAsync($"{repository}:offline", new ImageDeleteParameters(), TestContext.Current.CancellationToken);

        // A bad query is answered before the upload is stored anywhere.
        const string badService = "service must name a managed service: 1 to 64 letters, digits, '-' or '_'.";
        foreach (var query in new[] { "service=..%2Fsvc", "service=svc%00", "service=%D1%95vc", "service=" + new string('s', 65) })
        {
            using var response = await UploadAsync(agent, good, query);
            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "The request's values are not valid", badService, new Dictionary<string, string[]> { ["service"] = [badService] });
        }
        using (var response = await UploadAsync(agent, good, "service=svc&force=later"))
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "The request's values are not valid", "force must be true or false.",
                new Dictionary<string, string[]> { ["force"] = ["force must be true or false."] });
        }
        using (var response = await UploadAsync(agent, good, "service=nope"))
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "No such service", "No managed service is called 'nope'. The managed services are: svc, other.");
        }
        Directory.Exists(incoming).ShouldBeFalse("no refused query stored its upload");

        var host = repository[..repository.IndexOf('/', StringComparison.Ordinal)];
        var elsewhere = "evil.example:5000" + repository[host.Length..];
        var longTag = $"{repository}:{new string('t', 300)}";
        var cases = new (string What, Task<byte[]> Tarball, string Service, string Reason)[]
        {
            ("another managed service's repository", Tags(good, $"{otherRepository}:offline"), "svc",
                $"its image is tagged {otherRepository}:offline, which is not svc's repository {repository}"),
            ("its own and another's", Tags(good, $"{repository}:offline", $"{otherRepository}:stable"), "svc",
                $"its image is tagged {otherRepository}:stable, which is not svc's repository {repository}"),
            ("a registry not configured", Tags(good, $"{elsewhere}:offline"), "svc",
                $"its image is tagged {elsewhere}:offline, which is not svc's repository {repository}"),
            ("no tag", WithManifestAsync(good, image => image.Remove("RepoTags")), "svc",
                $"its image has no tag, so nothing shows it is svc's; save it tagged {repository}:<tag>"),
            ("a digest", Tags(good, $"{repository}@sha256:{new string('a', 64)}"), "svc",
                $"manifest.json names the image by a digest, '{repository}@sha256:{new string('a', 64)}'; a tarball's image must be named by tags"),
            ("a traversal in the repository", Tags(good, $"{repository}/../../../etc:offline"), "svc",
                $"manifest.json tags the image '{repository}/../../../etc:offline', {NotReference}{BadRepository}"),
            ("a NUL in the tag", Tags(good, $"{repository}:offline\0"), "svc",
                $@"manifest.json tags the image '{repository}:offline\u0000', {NotReference}{BadTag}"),
            ("a look-alike letter", Tags(good, $"{repository}-\u0455vc:offline"), "svc",
                $@"manifest.json tags the image '{repository}-\u0455vc:offline', {NotReference}{BadRepository}"),
            ("a 300-character tag", Tags(good, longTag), "svc",
                $"manifest.json tags the image '{longTag[..120]}… ({longTag.Length} characters)', {NotReference}{BadTag}"),
            ("a config path out of the tarball", WithManifestAsync(good, image => image["Config"] = "../../../../etc/passwd"), "svc",
                OutsidePath + "'../../../../etc/passwd'"),
            ("an absolute layer path", WithManifestAsync(good, image => image["Layers"] = new JsonArray("/etc/shadow")), "svc",
                OutsidePath + "'/etc/shadow'"),
            ("a layer path that climbs half-way", WithManifestAsync(good, image => image["Layers"] = new JsonArray("abc/../../x/layer.tar")), "svc",
                OutsidePath + "'abc/../../x/layer.tar'"),
            ("a null layer", WithManifestAsync(good, image => image["Layers"] = new JsonArray((JsonNode?)null)), "svc",
                "manifest.json is not valid: it lists a layer or tag that is null"),
            ("an entry above the tarball", WithEntriesAsync(good, File("../evil.json", "{}")), "svc",
                "the tarball holds a path that leads outside it: '../evil.json'"),
            ("an absolute entry", WithEntriesAsync(good, File("/etc/cron.d/evil", "* * * * * root id\n")), "svc",
                "the tarball holds a path that leads outside it: '/etc/cron.d/evil'"),
            ("a symbolic link out", WithEntriesAsync(good, Link(TarEntryType.SymbolicLink, "evil/layer.tar", "../../../etc/passwd")), "svc",
                "the tarball holds a link that leads outside it: 'evil/layer.tar' -> '../../../etc/passwd'"),
            ("a hard link to a host file", WithEntriesAsync(good, Link(TarEntryType.HardLink, "evil", "/etc/passwd")), "svc",
                "the tarball holds a link that leads outside it: 'evil' -> '/etc/passwd'"),
            ("a device", WithEntriesAsync(good, new PaxTarEntry(TarEntryType.CharacterDevice, "evil-dev") { DeviceMajor = 1, DeviceMinor = 3 }), "svc",
                "the tarball holds a device or pipe, 'evil-dev'; an image tarball holds files, folders and links"),
        };
        foreach (var (what, tarball, service, reason) in cases)
        {
            using var response = await UploadAsync(agent, await tarball, $"service={service}");
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, Refused, reason);
            problem.GetProperty("result").GetString().ShouldBe("Refused", what);
            problem.GetProperty("service").GetString().ShouldBe(service, what);
        }
        // Without ?service= the tarball's tags pick the service; a repository no service follows picks none.
        using (var response = await UploadAsync(agent, await Tags(good, $"{stranger}:offline"), query: null))
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, Refused, $"its image ({stranger}:offline) is not the image of any managed service");
            problem.GetProperty("service").GetString().ShouldBe("offline");
        }

        var running = await Engine.Docker.Containers.InspectContainerAsync(name, TestContext.Current.CancellationToken);
        running.ID.ShouldBe(original);
        running.Image.ShouldBe(Engine.V1);
        running.State!.Running.ShouldBeTrue();
        (await Engine.ServiceContainersAsync(name)).Count.ShouldBe(1);
        (await Engine.Docker.Images.InspectImageAsync($"{otherRepository}:offline", TestContext.Current.CancellationToken)).ID.ShouldBe(Engine.V1, "the other service's tag did not move");
        await Should.ThrowAsync<DockerImageNotFoundException>(() => Engine.Docker.Images.InspectImageAsync($"{repository}:offline", TestContext.Current.CancellationToken));
        Directory.EnumerateFileSystemEntries(incoming).ShouldBeEmpty("every upload is deleted once answered");
        var history = agent.Settings.ReadHistory();
        history.Select(e => e.Event).Distinct().ShouldBe(["refused"], "nothing was loaded or swapped");
        var reasons = cases.Select(c => c.Reason).Append($"its image ({stranger}:offline) is not the image of any managed service").ToList();
        history.Count.ShouldBe(reasons.Count);
        foreach (var (entry, reason) in history.Zip(reasons))
        {
            entry.Service.ShouldBe(reason.Contains("any managed service", StringComparison.Ordinal) ? "offline" : "svc");
            entry.Detail.ShouldMatch($"^tarball upload-[0-9a-f]{{32}}\\.tar refused: {Regex.Escape(reason)}$");
        }
    }

    [Fact]
    public async Task A_tarball_whose_links_stay_inside_it_is_loaded_and_swapped_in()
    {
        var repository = Engine.NewRepository("links");
        var name = NewContainerName("links");
        await Engine.PushAsync(Engine.V1, repository);
        await Engine.RunServiceAsync(name, $"{repository}:stable");
        await using var agent = await AgentUnderTest.StartAsync(Settings("svc", name, $"{repository}:stable"));
        await Engine.TagAsync(Engine.V2, repository, "offline");
        byte[] saved;
        await using (var stream = await Engine.Docker.Images.SaveImageAsync($"{repository}:offline", TestContext.Current.CancellationToken))
        using (var buffer = new MemoryStream())
        {
            await stream.CopyToAsync(buffer, TestContext.Current.CancellationToken);
            saved = buffer.ToArray();
        }
        // docker save links a layer it has written once from the other places it is named: "../<id>/layer.tar",
        // up and back down inside the tarball. The manifest here reaches the layer only through such a link.
        string? layer = null;
        var relinked = await WithManifestAsync(saved, image =>
        {
            layer = image["Layers"]![0]!.GetValue<string>();
            image["Layers"] = new JsonArray("shared/layer.tar");
        });
        relinked = await WithEntriesAsync(relinked, Link(TarEntryType.SymbolicLink, "shared/layer.tar", $"../{layer}"));

        using var response = await UploadAsync(agent, relinked, "service=svc");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        using var result = System.Text.Json.JsonDocument.Parse(body);
        result.RootElement.GetProperty("result").GetString().ShouldBe("Updated", body);
        result.RootElement.GetProperty("service").GetString().ShouldBe("svc");
        var running = await Engine.Docker.Containers.InspectContainerAsync(name, TestContext.Current.CancellationToken);
        running.Image.ShouldBe(Engine.V2);
        running.State!.Health!.Status.ShouldBe("healthy");
        (await Engine.ServiceContainersAsync(name)).Count.ShouldBe(1);
    }

    private static Task<byte[]> Tags(byte[] tarball, params string[] tags) =>
        WithManifestAsync(tarball, image => image["RepoTags"] = new JsonArray([.. tags.Select(t => (JsonNode?)t)]));

    private static async Task<HttpResponseMessage> UploadAsync(AgentUnderTest agent, byte[] tarball, string? query)
    {
        using var content = new ByteArrayContent(tarball);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        return await agent.Client.PostAsync(RawRequest.At(agent.Url, query is null ? "/api/updates/offline" : $"/api/updates/offline?{query}"), content, TestContext.Current.CancellationToken);
    }
}
