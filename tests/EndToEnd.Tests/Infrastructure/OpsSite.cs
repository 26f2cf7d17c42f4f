using System.Net;
using System.Net.Sockets;
using LiveStt.ModelGenerator;
using LiveStt.Tests.Speech;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A box set up as the README's ops section says, in a temp folder standing in for the repository root: a copy of
/// docker-compose.yml, the repository's scripts (linked), and what the quick start would have left (the appliance
/// image, a kiosk PIN). Its own compose project, container names, ports on 127.0.0.1 and volumes, so it meets no
/// other test or deployment. The site's docker-compose.override.yml (which compose reads by itself) gives the
/// appliance a generated model and a looped speech clip and labels both containers as test containers.
/// Disposing it runs <c>docker compose --profile ops down -v</c> for its project and removes the folder.
/// </summary>
internal sealed class OpsSite : IAsyncDisposable
{
    private const string ModelName = "e2e-micro.bin";

    private readonly Dictionary<string, string> _environment;

    private OpsSite(string directory, string id, Dictionary<string, string> environment)
    {
        Directory = directory;
        Id = id;
        _environment = environment;
    }

    /// <summary>The folder the README's commands run in (its "repository root").</summary>
    public string Directory { get; }

    public string Id { get; }

    public string ApplianceContainerName => _environment["LIVESTT_APPLIANCE_CONTAINER"];

    public string AgentContainerName => _environment["LIVESTT_OPSAGENT_CONTAINER"];

    public Uri ApplianceAddress => new($"http://127.0.0.1:{_environment["LIVESTT_APPLIANCE_PORT"]}");

    public int AgentPort => int.Parse(_environment["LIVESTT_OPSAGENT_PORT"], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The variables every command of the site runs with (compose reads its settings from them).</summary>
    public IReadOnlyDictionary<string, string> Environment => _environment;

    /// <summary>A site whose compose file starts <paramref name="applianceImage"/> and <paramref name="agentImage"/>.</summary>
    /// <param name="updateRegistry">LIVESTT_UPDATE_REGISTRY for every command; none leaves it to the command line.</param>
    public static async Task<OpsSite> CreateAsync(string applianceImage, string agentImage, string? updateRegistry = null)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var directory = System.IO.Directory.CreateTempSubdirectory("livestt-ops-site-").FullName;
        File.Copy(Path.Combine(TestEnvironment.RepositoryRoot, "docker-compose.yml"), Path.Combine(directory, "docker-compose.yml"));
        File.CreateSymbolicLink(Path.Combine(directory, "scripts"), Path.Combine(TestEnvironment.RepositoryRoot, "scripts"));

        var models = System.IO.Directory.CreateDirectory(Path.Combine(directory, "models")).FullName;
        RandomWhisperModel.Write(Path.Combine(models, ModelName), WhisperModelShape.Micro, seed: 7);
        File.SetUnixFileMode(models, (UnixFileMode)0x1ED);
        var pin = Path.Combine(directory, "kiosk-pin");
        await File.WriteAllTextAsync(pin, "482913\n");
        File.SetUnixFileMode(pin, (UnixFileMode)0x1A4);

        var speech = SpeechCorpus.RequireDirectory();
        var clip = SpeechCorpus.Clips().First(c => c.Set == ApplianceContainer.SpeechSet).Audio;
        await File.WriteAllTextAsync(Path.Combine(directory, "docker-compose.override.yml"), $"""
            services:
              appliance:
                labels:
                  livestt.test: e2e
                volumes:
                  - {models}:/models:ro
                  - {speech}:/speech:ro
                environment:
                  Models__Path: /models/{ModelName}
                  Audio__Path: /speech/{clip}
                  Audio__Loop: "true"
                  Audio__Pacing: RealTime
                  Whisper__Threads: "2"
                  Guards__RepetitionEnabled: "false"
                  Guards__CompressionEnabled: "false"
                  Guards__NoSpeechEnabled: "false"
              opsagent:
                labels:
                  livestt.test: e2e
            """);

        var environment = new Dictionary<string, string>
        {
            ["COMPOSE_PROJECT_NAME"] = $"livestt-e2e-{id}",
            ["LIVESTT_IMAGE"] = applianceImage,
            ["LIVESTT_OPSAGENT_IMAGE"] = agentImage,
            ["LIVESTT_KIOSK_PIN_FILE"] = pin,
            ["LIVESTT_APPLIANCE_CONTAINER"] = $"livestt-e2e-{id}-appliance",
            ["LIVESTT_OPSAGENT_CONTAINER"] = $"livestt-e2e-{id}-opsagent",
            ["LIVESTT_DATA_VOLUME"] = $"livestt-e2e-{id}-data",
            ["LIVESTT_OPSAGENT_STATE_VOLUME"] = $"livestt-e2e-{id}-opsagent-state",
            ["LIVESTT_APPLIANCE_ADDRESS"] = "127.0.0.1",
            ["LIVESTT_APPLIANCE_PORT"] = FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LIVESTT_OPSAGENT_PORT"] = FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (updateRegistry is not null)
        {
            environment["LIVESTT_UPDATE_REGISTRY"] = updateRegistry;
        }

        return new OpsSite(directory, id, environment);
    }

    /// <summary>Runs one shell command line in the site's folder, as an operator at its prompt would; returns its exit code and output.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> ShellAsync(string line, TimeSpan timeout) =>
        ExternalTool.ExecAsync("bash", ["-c", $"set -euo pipefail; cd {Quote(Directory)}; {line}"], timeout, _environment);

    /// <summary>Runs a command line that must succeed; returns what it printed on stdout.</summary>
    public async Task<string> RunAsync(string line, TimeSpan timeout)
    {
        var (code, stdout, stderr) = await ShellAsync(line, timeout);
        code.ShouldBe(0, $"{line}\n{stdout}\n{stderr}");
        return stdout;
    }

    public async ValueTask DisposeAsync()
    {
        var logs = await ShellAsync("docker compose --profile ops logs --no-color --timestamps --tail 400", TimeSpan.FromMinutes(1));
        await File.WriteAllTextAsync(Path.Combine(TestEnvironment.ArtifactsDirectory, $"ops-site-{Id}.log"), logs.Stdout + logs.Stderr);
        var down = await ShellAsync("docker compose --profile ops down -v --remove-orphans --timeout 10", TimeSpan.FromMinutes(3));
        // A container the agent made (a swap's staging container) is not compose's: remove what carries this site's names.
        await ShellAsync(
            $"docker ps -aq --filter label=livestt.test=e2e --filter name=livestt-e2e-{Id}- | xargs -r docker rm -f; "
            + $"docker volume rm -f livestt-e2e-{Id}-data livestt-e2e-{Id}-opsagent-state >/dev/null",
            TimeSpan.FromMinutes(1));
        System.IO.Directory.Delete(Directory, recursive: true);
        down.ExitCode.ShouldBe(0, down.Stderr);
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
