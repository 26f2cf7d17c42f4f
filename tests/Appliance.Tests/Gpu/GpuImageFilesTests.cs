using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LiveStt.Appliance.Transcription;
using Whisper.net.LibraryLoader;

namespace LiveStt.Appliance.Tests.Gpu;

/// <summary>
/// What can be checked of the GPU images on a machine without a GPU: the CUDA image's build stops plainly where the
/// registry lacks its runtime package, its compose override asks for the GPUs, and the Jetson recipe is pinned to the
/// whisper.cpp that the Whisper.net release in use is built from and lays its library out where the appliance looks.
/// </summary>
public sealed partial class GpuImageFilesTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void The_jetson_recipe_builds_the_whisper_cpp_commit_and_version_of_the_whisper_net_release_in_use()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile.jetson"));
        var whisperNet = PackageVersion("Whisper.net");

        Arg(dockerfile, "WHISPER_NET_VERSION").ShouldBe(whisperNet);
        WhisperRuntime.Binding.ShouldBe($"Whisper.net {whisperNet}");
        PackageVersion("Whisper.net.Runtime").ShouldBe(whisperNet);
        PackageVersion("Whisper.net.Runtime.Cuda12.Linux").ShouldBe(whisperNet);
        Arg(dockerfile, "WHISPER_CPP_COMMIT").ShouldBe(WhisperRuntime.BoundWhisperCppCommit);
        Arg(dockerfile, "WHISPER_CPP_VERSION").ShouldBe(WhisperRuntime.BoundWhisperCppVersion);
        WhisperRuntime.BoundWhisperCppCommit.ShouldBe("f24588a272ae8e23280d9c220536437164e6ed28");
    }

    [Fact]
    public void The_jetson_image_puts_its_libwhisper_where_its_library_path_and_runtime_order_send_whisper_net()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile.jetson"));

        var libraryPath = Env(dockerfile, "Whisper__LibraryPath");
        libraryPath.ShouldBe("/opt/livestt/whisper");
        dockerfile.ShouldContain($"COPY --from=libwhisper /out/ {libraryPath}/");
        dockerfile.ShouldContain($"out=/out/{Path.GetRelativePath(libraryPath, WhisperGpuFallback.RuntimeFolder(libraryPath + "/runtimes", RuntimeLibrary.Cuda12, "linux-arm64"))} ");
        Env(dockerfile, "Whisper__RuntimeLibraryOrder__0").ShouldBe("Cuda12");
        Env(dockerfile, "Whisper__RuntimeLibraryOrder__1").ShouldBe("Cpu");
        foreach (var flag in new[] { "-DGGML_CUDA=ON", "-DCMAKE_CUDA_ARCHITECTURES=87", "-DGGML_CUDA_NO_VMM=ON" })
        {
            dockerfile.ShouldContain(flag);
        }

        // The names Whisper.net 1.9.1's loader opens from a runtime folder, libwhisper.so last.
        dockerfile.ShouldContain("for lib in whisper ggml-whisper ggml-base-whisper ggml-cpu-whisper ggml-cuda-whisper;");
    }

    [Fact]
    public void The_cuda_image_build_stops_plainly_where_the_registry_lacks_the_runtime_package_and_leaves_the_cpu_publish_alone()
    {
        var check = Run(Path.Combine(Root, "scripts", "build-cuda-image.sh"), "--check");
        Assert.SkipWhen(check.ExitCode == 0, "this machine's NuGet source serves the CUDA runtime package; scripts/check-gpu.sh builds the image there");
        var cpuPublish = Path.Combine(Root, "artifacts", "publish", "appliance");
        var before = Snapshot(cpuPublish);
        var cudaPublish = Path.Combine(Root, "artifacts", "publish", "appliance-cuda12");
        var cudaPublishExisted = Directory.Exists(cudaPublish);

        var build = Run(Path.Combine(Root, "scripts", "build-cuda-image.sh"), "livestt/test-gpu-never:cuda12");

        build.ExitCode.ShouldBe(1);
        build.Output.TrimEnd().Split('\n')[^1].ShouldBe(
            "[livestt] error: cannot build the CUDA image: the NuGet source does not serve Whisper.net.Runtime.Cuda12.Linux 1.9.1 " +
            "(error NU1101: Unable to find package Whisper.net.Runtime.Cuda12.Linux. No packages exist with this id in source(s): nuget.org). " +
            "Nothing was published or tagged; the CPU image is unchanged.");
        Snapshot(cpuPublish).ShouldBe(before);
        Directory.Exists(cudaPublish).ShouldBe(cudaPublishExisted);
    }

    [Fact]
    public void The_gpu_compose_override_starts_the_cuda_image_with_every_gpu()
    {
        var config = Run("docker", "compose", "--env-file", "/dev/null", "-f", Path.Combine(Root, "docker-compose.yml"), "-f", Path.Combine(Root, "docker-compose.gpu.yml"),
            "config", "--format", "json");

        config.ExitCode.ShouldBe(0, config.Output);
        var appliance = JsonDocument.Parse(config.StandardOutput).RootElement.GetProperty("services").GetProperty("appliance");
        appliance.GetProperty("image").GetString().ShouldBe("livestt/appliance:cuda12");
        var gpus = appliance.GetProperty("gpus").EnumerateArray().ToList();
        gpus.Count.ShouldBe(1);
        gpus[0].GetProperty("count").GetInt32().ShouldBe(-1, "gpus: all");
        Run("docker", "compose", "--env-file", "/dev/null", "-f", Path.Combine(Root, "docker-compose.yml"), "-f", Path.Combine(Root, "docker-compose.gpu.yml"), "config", "-q")
            .ExitCode.ShouldBe(0);
    }

    private static string PackageVersion(string id) =>
        XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == id).Attribute("Version")!.Value;

    private static string Arg(string dockerfile, string name) =>
        Regex.Match(dockerfile, $@"^ARG {name}=(?<value>\S+)$", RegexOptions.Multiline) is { Success: true } match
            ? match.Groups["value"].Value
            : throw new ShouldAssertException($"Dockerfile.jetson has no ARG {name}=...");

    private static string Env(string dockerfile, string name) =>
        Regex.Match(dockerfile, $@"^\s+(ENV )?{name}=(?<value>\S+)", RegexOptions.Multiline) is { Success: true } match
            ? match.Groups["value"].Value
            : throw new ShouldAssertException($"Dockerfile.jetson sets no {name}");

    private static List<string> Snapshot(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(f => $"{f} {File.GetLastWriteTimeUtc(f):O}")]
            : [];

    private static (int ExitCode, string StandardOutput, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The files' own defaults: no LIVESTT_* from this shell, and no .env (compose is given an empty one instead).
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("LIVESTT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        // The compose file names secrets by path; config only checks them, so any file does.
        start.Environment["LIVESTT_KIOSK_PIN_FILE"] = "/dev/null";
        start.Environment["LIVESTT_OPSAGENT_TOKEN_FILE"] = "/dev/null";
        start.Environment["LIVESTT_APPLIANCE_ADDRESS"] = "";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} ran past two minutes");
        }

        return (process.ExitCode, stdout.Result, stdout.Result + stderr.Result);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveStt.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LiveStt.sln not found above the test's folder");
    }
}
