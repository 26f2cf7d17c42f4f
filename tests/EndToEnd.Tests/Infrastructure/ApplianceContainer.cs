using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using LiveStt.ModelGenerator;
using LiveStt.Tests.Speech;

[assembly: AssemblyFixture(typeof(LiveStt.EndToEnd.Tests.Infrastructure.ApplianceContainer))]

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real appliance image, started once for the suite with a generated model and a recorded
/// speech clip from the shared corpus, published on 127.0.0.1 only. Removed afterwards, even when tests fail.
/// </summary>
public sealed class ApplianceContainer : IAsyncLifetime
{
    /// <summary>A speech with the pauses between phrases that utterance ends are found from.</summary>
    internal const string SpeechSet = "jfk";

    private static readonly Lazy<Task<string>> Image = new(EnsureImageAsync);

    private readonly string _work = Directory.CreateTempSubdirectory("livestt-e2e-").FullName;
    private string? _containerId;

    public Uri BaseAddress { get; private set; } = null!;

    public string DataDirectory => Path.Combine(_work, "data");

    public string ModelName => "e2e-micro.bin";

    /// <summary>Name of the file, under the test artifacts, that keeps the container's log.</summary>
    public string LogName { get; init; } = "appliance";

    /// <summary><c>docker run</c> arguments that choose the audio input (settings and mounts); by default the speech clip, looped in real time.</summary>
    public IReadOnlyList<string>? AudioArguments { get; init; }

    /// <summary>More <c>docker run</c> arguments (mounts, such as a small tmpfs over the transcripts folder).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Runs on the host's network (listening on 127.0.0.1 only), so the container reaches senders on 127.0.0.1.</summary>
    public bool HostNetwork { get; init; }

    /// <summary>
    /// Settings for the run. By default the guards that judge the text's shape are off: a random-weight model loops
    /// ("pior pior pior") and would have every line refused, and these tests are about the path the text takes.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>
    {
        ["Guards__RepetitionEnabled"] = "false",
        ["Guards__CompressionEnabled"] = "false",
        ["Guards__NoSpeechEnabled"] = "false",
    };

    /// <summary>
    /// The kiosk PIN, handed to the appliance as a file mounted where the compose file puts its secret; none by default.
    /// </summary>
    public string? KioskPin { get; init; }

    /// <summary>
    /// Whether start-up waits for captions to be live; off for a box that waits for the kiosk's Start
    /// (<c>Streaming__AutoStart=false</c>), which is then waited for until it answers, idle.
    /// </summary>
    public bool WaitForLive { get; init; } = true;

    /// <summary>When set, every text token of the generated model decodes to this text (see the model generator).</summary>
    public string? ModelTokenText { get; init; }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

    public async ValueTask InitializeAsync()
    {
        var speech = SpeechCorpus.RequireDirectory();
        var clip = SpeechCorpus.Clips().First(c => c.Set == SpeechSet).Audio;
        var image = await ImageAsync();

        var models = Directory.CreateDirectory(Path.Combine(_work, "models")).FullName;
        RandomWhisperModel.Write(Path.Combine(models, ModelName), WhisperModelShape.Micro, seed: 7, tokenText: ModelTokenText);
        Directory.CreateDirectory(Path.Combine(DataDirectory, "transcripts"));
        // The image runs as an unprivileged user; let it write the transcripts we read back.
        foreach (var dir in new[] { DataDirectory, Path.Combine(DataDirectory, "transcripts") })
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0x1FF);
        }

        string[] kiosk = [];
        if (KioskPin is not null)
        {
            var pinFile = Path.Combine(Directory.CreateDirectory(Path.Combine(_work, "secrets")).FullName, "kiosk-pin");
            await File.WriteAllTextAsync(pinFile, KioskPin + "\n");
            File.SetUnixFileMode(pinFile, (UnixFileMode)0x1A4);
            kiosk = ["-v", $"{pinFile}:/run/secrets/kiosk_pin:ro", "-e", "Kiosk__PinFile=/run/secrets/kiosk_pin"];
        }

        var port = FreeLoopbackPort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        string[] network = HostNetwork
            ? ["--network", "host", "-e", $"ASPNETCORE_URLS=http://127.0.0.1:{port}"]
            : ["-p", $"127.0.0.1:{port}:8080"];
        string[] audio = AudioArguments is { } chosen
            ? [.. chosen]
            : ["-e", $"Audio__Path=/speech/{clip}", "-e", "Audio__Loop=true", "-e", "Audio__Pacing=RealTime"];
        _containerId = await DockerCli.RunAsync(
        [
            "run", "-d", "--label", "livestt.test=e2e",
            .. network,
            "-v", $"{models}:/models:ro",
            "-v", $"{speech}:/speech:ro",
            "-v", $"{DataDirectory}:/data",
            "-e", $"Models__Path=/models/{ModelName}",
            .. audio,
            .. kiosk,
            .. ExtraArguments,
            "-e", "Whisper__Threads=2",
            "-e", "Serilog__MinimumLevel__Override__LiveStt.Appliance.Streaming=Debug",
            "-e", "Serilog__MinimumLevel__Override__LiveStt.Appliance.Guards=Debug",
            .. Settings.SelectMany(setting => new[] { "-e", $"{setting.Key}={setting.Value}" }),
            image,
        ], TimeSpan.FromMinutes(1));

        await WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
    }

    public async ValueTask DisposeAsync()
    {
        if (_containerId is not null)
        {
            var logs = await ExternalTool.ExecAsync("docker", ["logs", "--tail", "400", _containerId], TimeSpan.FromSeconds(30));
            await File.WriteAllTextAsync(Path.Combine(TestEnvironment.ArtifactsDirectory, LogName + ".log"), logs.Stdout + logs.Stderr);
            await DockerCli.RunAsync(["rm", "-f", _containerId], TimeSpan.FromMinutes(1), throwOnError: false);
        }

        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
            // Files the container's user wrote; the OS temp cleaner gets them.
        }
    }

    /// <summary>kill -9 of the appliance process: no shutdown code runs.</summary>
    public Task KillAsync() => DockerCli.RunAsync(["kill", "--signal", "KILL", _containerId!], TimeSpan.FromSeconds(30));

    /// <summary>Starts the killed container again, as Docker's restart policy would, and waits for it to go live.</summary>
    public async Task StartAgainAsync()
    {
        await DockerCli.RunAsync(["start", _containerId!], TimeSpan.FromSeconds(30));
        await WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>Runs <paramref name="command"/> in the container as its own user; its exit code and output.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> ExecAsync(params string[] command) =>
        ExternalTool.ExecAsync("docker", ["exec", _containerId!, .. command], TimeSpan.FromSeconds(60));

    /// <summary>Docker's own view of the container's HEALTHCHECK.</summary>
    public Task<string> HealthStatusAsync() =>
        DockerCli.RunAsync(["inspect", "-f", "{{.State.Health.Status}}", _containerId!], TimeSpan.FromSeconds(30));

    public async Task<JsonElement> GetStatusAsync()
    {
        using var client = CreateClient();
        return await client.GetFromJsonAsync<JsonElement>("/api/status");
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            var running = await DockerCli.RunAsync(["inspect", "-f", "{{.State.Running}}", _containerId!], TimeSpan.FromSeconds(30));
            if (running != "true")
            {
                break;
            }

            try
            {
                var status = await GetStatusAsync();
                var state = status.GetProperty("session").GetProperty("state").GetString();
                last = status.ToString();
                if (state == (WaitForLive ? "live" : "idle"))
                {
                    return;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(500);
        }

        var logs = await ExternalTool.ExecAsync("docker", ["logs", "--tail", "60", _containerId!], TimeSpan.FromSeconds(30));
        throw new InvalidOperationException($"appliance was not {(WaitForLive ? "live" : "up")} within {timeout}; last status: {last}\n{logs.Stdout}{logs.Stderr}");
    }

    /// <summary>The appliance image under test: LIVESTT_IMAGE, or one built once for the run.</summary>
    internal static Task<string> ImageAsync() => Image.Value;

    private static async Task<string> EnsureImageAsync()
    {
        if (TestEnvironment.ImageFromEnvironment is { } image)
        {
            return image;
        }

        // Run on its own (not through scripts/test.sh): build the image the way the scripts do.
        image = "livestt/appliance:test";
        var script = Path.Combine(TestEnvironment.RepositoryRoot, "scripts", "build-image.sh");
        var (code, stdout, stderr) = await ExternalTool.ExecAsync("bash", [script, image], TimeSpan.FromMinutes(15));
        if (code != 0)
        {
            throw new InvalidOperationException($"building {image} failed: {stdout}{stderr}");
        }

        return image;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
