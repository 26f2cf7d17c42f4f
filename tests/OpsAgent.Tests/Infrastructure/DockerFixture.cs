using LiveStt.OpsAgent.Hosting;
using System.Diagnostics;
using System.Formats.Tar;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;

[assembly: AssemblyFixture(typeof(LiveStt.OpsAgent.Tests.Infrastructure.DockerFixture))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>
/// The real parts every test uses: the Docker engine at /var/run/docker.sock, a Debian docker-registry on a free
/// loopback port, and three small busybox images built from a local root file system (v1 and v2 healthy, v3
/// with a health check that fails). Everything it starts carries the test label, with this run's value, and is
/// removed at the end; so are this run's image references, and nothing of another run's.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    public const string TestLabel = "livestt.test";

    // First: the static fields below are made from it, in the order they are written.
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// This run's own value of the test label: other runs share the engine (other checkouts' tests, CI), and each
    /// removes only what it made. Swapped-in containers carry it on, as they carry every label.
    /// </summary>
    public static readonly string TestLabelValue = $"opsagent-{RunId}";

    /// <summary>Root of this run's local repositories: two runs build images with the same ID, and each untags only its own.</summary>
    public static readonly string LocalImages = $"livestt-opsagent-test-{RunId}";

    private static readonly string LocalRepository = $"{LocalImages}/busybox-svc";

    private readonly string _work = Directory.CreateTempSubdirectory("opsagent-fixture-").FullName;
    private Process? _registry;

    public DockerClient Docker { get; } = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();

    /// <summary>host:port of the registry.</summary>
    public string Registry { get; private set; } = "";

    public string V1 { get; private set; } = "";
    public string V2 { get; private set; } = "";
    public string V3 { get; private set; } = "";

    /// <summary>A broken build: prints a reason on stderr and exits with code 3 at once, never healthy.</summary>
    public string Broken { get; private set; } = "";

    public const string BrokenOutput = "fatal: the model file /models/ggml.bin is not a whisper model";

    public async ValueTask InitializeAsync()
    {
        await Docker.System.PingAsync();
        await RemoveTestContainersAsync();
        V1 = await BuildAsync("v1", healthPath: "/health");
        V2 = await BuildAsync("v2", healthPath: "/health");
        V3 = await BuildAsync("v3", healthPath: "/missing");
        Broken = await BuildAsync("broken", healthPath: "/health", command: $$"""["/bin/busybox","sh","-c","echo loading; echo '{{BrokenOutput}}' >&2; exit 3"]""");
        await StartRegistryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RemoveTestContainersAsync();
            // References are removed, not image IDs: another run's tags may name the same image, and keep it. An
            // image built FROM another test image must go before its parent: a few passes settle the order.
            for (var pass = 0; pass < 4; pass++)
            {
                var left = 0;
                foreach (var image in await Docker.Images.ListImagesAsync(new ImagesListParameters { All = true }))
                {
                    foreach (var reference in (image.RepoTags ?? []).Concat(image.RepoDigests ?? []).Where(IsThisRunsReference))
                    {
                        try
                        {
                            await Docker.Images.DeleteImageAsync(reference, new ImageDeleteParameters());
                        }
                        catch (DockerApiException)
                        {
                            left++;
                        }
                    }
                }
                if (left == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            if (_registry is { HasExited: false })
            {
                _registry.Kill(entireProcessTree: true);
                await _registry.WaitForExitAsync();
            }
            _registry?.Dispose();
            Directory.Delete(_work, recursive: true);
            Docker.Dispose();
        }
    }

    private bool IsThisRunsReference(string reference) =>
        reference.StartsWith(LocalImages + "/", StringComparison.Ordinal)
        || (Registry.Length > 0 && reference.StartsWith(Registry + "/opsagent-test/", StringComparison.Ordinal));

    /// <summary>A fresh repository in the test registry, so tests do not see each other's tags.</summary>
    public string NewRepository(string name) => $"{Registry}/opsagent-test/{name}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Points repository:tag at an image and pushes it; returns the registry's digest.</summary>
    public async Task<string> PushAsync(string imageId, string repository, string tag = "stable")
    {
        await Docker.Images.TagImageAsync(imageId, new ImageTagParameters { RepositoryName = repository, Tag = tag });
        var errors = new List<string>();
        await Docker.Images.PushImageAsync($"{repository}:{tag}", new ImagePushParameters { Tag = tag }, new AuthConfig(),
            new SynchronousProgress<JSONMessage>(m =>
            {
                if (m.Error is not null)
                {
                    errors.Add(m.Error.Message ?? "push failed");
                }
            }));
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("push failed: " + string.Join("; ", errors));
        }
        var image = await Docker.Images.InspectImageAsync(imageId);
        return image.RepoDigests.First(d => d.StartsWith(repository + "@", StringComparison.Ordinal)).Split('@')[1];
    }

    /// <summary>Points the local repository:tag at an image, as the box had it before the registry moved on.</summary>
    public Task TagAsync(string imageId, string repository, string tag = "stable") =>
        Docker.Images.TagImageAsync(imageId, new ImageTagParameters { RepositoryName = repository, Tag = tag });

    /// <summary>
    /// Tags an image repository:tag and writes `docker save` of it to a file, as a developer ships an update on a
    /// stick.
    /// </summary>
    public async Task SaveAsync(string imageId, string repository, string tag, string path)
    {
        await TagAsync(imageId, repository, tag);
        await using var saved = await Docker.Images.SaveImageAsync($"{repository}:{tag}");
        await using var file = File.Create(path);
        await saved.CopyToAsync(file);
    }

    /// <summary>Creates and starts a service container the way an installer would, and waits until it is healthy.</summary>
    public async Task<string> RunServiceAsync(string name, string image, IDictionary<string, string>? env = null, IDictionary<string, string>? labels = null)
    {
        var allLabels = new Dictionary<string, string>(labels ?? new Dictionary<string, string>()) { [TestLabel] = TestLabelValue };
        var created = await Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = image,
            Env = (env ?? new Dictionary<string, string>()).Select(kv => $"{kv.Key}={kv.Value}").ToList(),
            Labels = allLabels,
            HostConfig = new HostConfig
            {
                NetworkMode = "none",
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
                Binds = [$"{_work}:/data:ro"],
            },
        });
        await Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        await WaitForHealthAsync(created.ID, "healthy", TimeSpan.FromSeconds(30));
        return created.ID;
    }

    public async Task WaitForHealthAsync(string id, string status, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var c = await Docker.Containers.InspectContainerAsync(id);
            if (c.State?.Health?.Status == status)
            {
                return;
            }
            if (stopwatch.Elapsed > timeout)
            {
                throw new TimeoutException($"{id[..12]} did not become {status} in {timeout}; it is {c.State?.Status}/{c.State?.Health?.Status}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Every test-labelled container whose name is the service's or its staging name.</summary>
    public async Task<IList<ContainerListResponse>> ServiceContainersAsync(string name) =>
        (await Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true }))
        .Where(c => c.Names.Any(n => n == "/" + name || n == "/" + name + "-next"))
        .ToList();

    /// <summary>Image pulls the engine reported between two moments (Unix seconds), as "image reference" names.</summary>
    public async Task<List<string>> PullsAsync(long since, long until)
    {
        var pulls = new List<string>();
        await Docker.System.MonitorEventsAsync(
            new ContainerEventsParameters
            {
                Since = since.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Until = until.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["type"] = new Dictionary<string, bool> { ["image"] = true },
                    ["event"] = new Dictionary<string, bool> { ["pull"] = true },
                },
            },
            new SynchronousProgress<Message>(m => pulls.Add(m.Actor?.ID ?? "")));
        return pulls;
    }

    public async Task RemoveTestContainersAsync()
    {
        var containers = await Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{TestLabel}={TestLabelValue}"] = true } },
        });
        foreach (var c in containers)
        {
            await Docker.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    private async Task<string> BuildAsync(string version, string healthPath, string? command = null)
    {
        var context = new MemoryStream();
        using (var tar = new TarWriter(context, TarEntryFormat.Pax, leaveOpen: true))
        {
            var dockerfile = $$"""
                FROM scratch
                COPY rootfs/ /
                ENV VERSION={{version}}
                LABEL livestt.test.version={{version}}
                HEALTHCHECK --interval=1s --timeout=1s --retries=2 CMD ["/bin/busybox","wget","-q","-O","/dev/null","http://127.0.0.1:8080{{healthPath}}"]
                CMD {{command ?? ServiceCommand}}
                """;
            ImageBuild.AddFile(tar, "Dockerfile", System.Text.Encoding.UTF8.GetBytes(dockerfile));
            ImageBuild.AddFile(tar, "rootfs/bin/busybox", await File.ReadAllBytesAsync("/bin/busybox"), executable: true);
            ImageBuild.AddFile(tar, "rootfs/www/health", "ok\n"u8.ToArray());
            ImageBuild.AddFile(tar, "rootfs/www/version", System.Text.Encoding.UTF8.GetBytes(version + "\n"));
        }
        return await ImageBuild.BuildAsync(Docker, context, $"{LocalRepository}:{version}");
    }

    private const string ServiceCommand =
        """["/bin/busybox","sh","-c","echo \"service $VERSION started with API_TOKEN=$API_TOKEN\"; echo \"service $VERSION warming up\" >&2; i=0; while [ $i -lt ${LINES:-0} ]; do echo \"filler line $i of $VERSION\"; i=$((i+1)); done; exec /bin/busybox httpd -f -p 127.0.0.1:8080 -h /www"]""";

    private async Task StartRegistryAsync()
    {
        var port = FreePort();
        Registry = $"127.0.0.1:{port}";
        var storage = Path.Combine(_work, "registry");
        Directory.CreateDirectory(storage);
        var config = Path.Combine(_work, "registry.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {storage}
            http:
              addr: {Registry}
            """);
        await LaunchRegistryAsync();
    }

    /// <summary>Stops the registry (as an outage would), runs the test's code, and serves the same storage again.</summary>
    public async Task WhileRegistryIsDownAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _registry!.Kill(entireProcessTree: true);
        await _registry.WaitForExitAsync();
        _registry.Dispose();
        try
        {
            await action();
        }
        finally
        {
            await LaunchRegistryAsync();
        }
    }

    private async Task LaunchRegistryAsync()
    {
        _registry = Process.Start(new ProcessStartInfo("/usr/bin/docker-registry", ["serve", Path.Combine(_work, "registry.yml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _registry.OutputDataReceived += (_, _) => { };
        _registry.ErrorDataReceived += (_, _) => { };
        _registry.BeginOutputReadLine();
        _registry.BeginErrorReadLine();
        using var http = new HttpClient();
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://{Registry}/v2/"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (stopwatch.Elapsed < TimeSpan.FromSeconds(20) && !_registry.HasExited)
            {
            }
            await Task.Delay(100);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
