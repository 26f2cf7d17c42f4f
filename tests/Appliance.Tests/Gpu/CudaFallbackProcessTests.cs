using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using LiveStt.Appliance.Tests.Audio;
using LiveStt.Appliance.Tests.Infrastructure;
using LiveStt.Appliance.Tests.Transcription;

namespace LiveStt.Appliance.Tests.Gpu;

/// <summary>
/// The CUDA image on a host without the NVIDIA runtime, as far as a machine without a GPU can be it: Debian's real
/// CUDA 12 runtime library (the one Dockerfile.cuda installs, unpacked by scripts/fetch-cudart.sh) loads, finds no
/// driver, Whisper.net passes over the Cuda12 runtime, and the appliance runs on the CPU and says why in /api/status.
/// </summary>
public sealed class CudaFallbackProcessTests(LiveInputFixture fixture) : IClassFixture<LiveInputFixture>, IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("livestt-cuda-fallback-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task With_the_cuda_runtime_library_but_no_driver_whisper_falls_back_to_the_cpu_and_status_gives_cudas_own_reason()
    {
        Assert.SkipWhen(NativeLibrary.TryLoad("libcuda.so.1", out _), "this machine has an NVIDIA driver; the case is a machine without one");
        var cudart = FetchCudart();
        // The CPU library stands in for the CUDA one: Whisper.net decides on the CUDA runtime before it opens the folder's files.
        var cuda = CpuWhisperLibraries.CopyInto(folder, "cuda12");

        await using var appliance = await ApplianceProcess.StartAsync(new Dictionary<string, string>
        {
            ["LD_LIBRARY_PATH"] = cudart,
            ["Whisper__LibraryPath"] = folder.FullName,
            ["Whisper__RuntimeLibraryOrder__0"] = "Cuda12",
            ["Whisper__RuntimeLibraryOrder__1"] = "Cpu",
            ["Streaming__AutoStart"] = "false",
        });
        var whisper = (await appliance.StatusAsync()).GetProperty("whisper");

        whisper.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null, appliance.Output);
        whisper.GetProperty("runtime").GetString().ShouldBe("Cpu");
        whisper.GetProperty("libraryPath").GetString().ShouldBe(Path.Combine(CpuWhisperLibraries.ApplicationFolder, "libwhisper.so"));
        whisper.GetProperty("backend").GetString().ShouldBe("CPU");
        whisper.GetProperty("fallback").GetString().ShouldBe(
            $"Cuda12 ({cuda.FullName}) was not used: libcudart.so.12: cudaGetDeviceCount failed with error 35 (CUDA driver version is insufficient for CUDA runtime version); " +
            "no NVIDIA driver is reachable: start the container with the NVIDIA container runtime (gpus: all), on a host with driver 550 or newer. " +
            "whisper runs on the Cpu runtime instead.");
    }

    [Fact]
    public async Task A_cuda_runtime_that_loads_but_finds_no_gpu_says_so_once_the_model_is_loaded()
    {
        // As the only runtime in the order, Whisper.net takes the Cuda12 folder without a CUDA device; this machine's CPU
        // build stands in for the CUDA one, so whisper finds no GPU when it loads the model, as a CUDA build without one would.
        var cuda = CpuWhisperLibraries.CopyInto(folder, "cuda12");

        await using var appliance = await ApplianceProcess.StartAsync(fixture.Settings(
            ("Whisper__LibraryPath", folder.FullName), ("Whisper__RuntimeLibraryOrder__0", "Cuda12"),
            ("Audio__Path", LiveInputFixture.Speech), ("Streaming__AutoStart", "true")));
        var live = await appliance.WaitForStatusAsync(
            s => s.GetProperty("session").GetProperty("state").GetString() == "live", TimeSpan.FromSeconds(60), "the session to go live on the loaded model");
        var whisper = live.GetProperty("whisper");

        whisper.GetProperty("runtime").GetString().ShouldBe("Cuda12");
        whisper.GetProperty("libraryPath").GetString().ShouldBe(Path.Combine(cuda.FullName, "libwhisper.so"));
        whisper.GetProperty("backend").GetString().ShouldBe("CPU");
        whisper.GetProperty("device").ValueKind.ShouldBe(JsonValueKind.Null);
        whisper.GetProperty("fallback").GetString().ShouldBe(
            "The Cuda12 runtime loaded, but whisper.cpp found no GPU device when it loaded the model; it decodes on the CPU.", appliance.Output);
    }

    private static string FetchCudart()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LiveStt.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("LiveStt.sln not found above the test's folder");
        }

        var start = new ProcessStartInfo(Path.Combine(root, "scripts", "fetch-cudart.sh")) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("scripts/fetch-cudart.sh did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromMinutes(3)).ShouldBeTrue("scripts/fetch-cudart.sh ran past three minutes");
        process.ExitCode.ShouldBe(0, stderr.Result);
        return stdout.Result.Trim();
    }
}
