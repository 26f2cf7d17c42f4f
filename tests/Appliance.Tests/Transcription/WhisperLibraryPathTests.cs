using System.Runtime.InteropServices;
using System.Text.Json;
using LiveStt.Appliance.Tests.Infrastructure;

namespace LiveStt.Appliance.Tests.Transcription;

/// <summary>
/// Whisper:LibraryPath and Whisper:RuntimeLibraryOrder reach Whisper.net. Whisper.net picks its library once per
/// process, so each case runs the appliance as a process of its own and reads /api/status from it.
/// </summary>
public sealed class WhisperLibraryPathTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("livestt-libpath-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task The_appliance_loads_the_cpu_library_under_the_configured_path_and_reports_it()
    {
        var libraries = CpuWhisperLibraries.CopyInto(folder);

        var whisper = await WhisperStatusAsync(("Whisper__LibraryPath", folder.FullName), ("Whisper__RuntimeLibraryOrder__0", "Cpu"));

        whisper.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        whisper.GetProperty("runtime").GetString().ShouldBe("Cpu");
        whisper.GetProperty("libraryPath").GetString().ShouldBe(Path.Combine(libraries.FullName, "libwhisper.so"));
        whisper.GetProperty("version").GetString().ShouldBe("1.8.5");
        whisper.GetProperty("binding").GetString().ShouldBe("Whisper.net 1.9.1");
    }

    [Fact]
    public async Task A_cuda_runtime_without_cuda_falls_back_to_the_cpu_and_status_says_why()
    {
        Assert.SkipWhen(NativeLibrary.TryLoad("libcudart.so.12", out _), "this machine has a CUDA 12 runtime; the case is a machine without one");
        // A CUDA runtime's folder as Whisper.net.Runtime.Cuda12 lays it out; Whisper.net passes it over before it opens
        // a file when no CUDA 12 runtime library is there, so the CPU library stands in for the CUDA one.
        var cuda = CpuWhisperLibraries.CopyInto(folder, "cuda12");
        var cpu = CpuWhisperLibraries.CopyInto(folder);

        var whisper = await WhisperStatusAsync(
            ("Whisper__LibraryPath", folder.FullName), ("Whisper__RuntimeLibraryOrder__0", "Cuda12"), ("Whisper__RuntimeLibraryOrder__1", "Cpu"));

        whisper.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        whisper.GetProperty("requestedRuntimes").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Cuda12", "Cpu"]);
        whisper.GetProperty("runtime").GetString().ShouldBe("Cpu");
        whisper.GetProperty("libraryPath").GetString().ShouldBe(Path.Combine(cpu.FullName, "libwhisper.so"));
        whisper.GetProperty("backend").GetString().ShouldBe("CPU");
        whisper.GetProperty("device").ValueKind.ShouldBe(JsonValueKind.Null);
        whisper.GetProperty("fallback").GetString().ShouldBe(
            $"Cuda12 ({cuda.FullName}) was not used: libcudart.so.12 (the CUDA 12 runtime) could not be loaded: " +
            "libcudart.so.12: cannot open shared object file: No such file or directory. whisper runs on the Cpu runtime instead.");
    }

    [Fact]
    public async Task A_libwhisper_in_the_jetson_images_cuda12_layout_is_loaded_from_the_library_path()
    {
        // Dockerfile.jetson's layout (runtimes/cuda12/<os>-<arch> under Whisper__LibraryPath), holding this machine's
        // CPU build in place of the CUDA one. As the only runtime in the order, Whisper.net takes it without a CUDA device.
        var jetsonLayout = CpuWhisperLibraries.CopyInto(folder, "cuda12");

        var whisper = await WhisperStatusAsync(("Whisper__LibraryPath", folder.FullName), ("Whisper__RuntimeLibraryOrder__0", "Cuda12"));

        whisper.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        whisper.GetProperty("runtime").GetString().ShouldBe("Cuda12");
        whisper.GetProperty("libraryPath").GetString().ShouldBe(Path.Combine(jetsonLayout.FullName, "libwhisper.so"));
        whisper.GetProperty("version").GetString().ShouldBe("1.8.5");
        whisper.GetProperty("fallback").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_cpu_image_reports_no_fallback()
    {
        var whisper = await WhisperStatusAsync();

        whisper.GetProperty("runtime").GetString().ShouldBe("Cpu");
        whisper.GetProperty("requestedRuntimes").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Cuda", "Cuda12", "Vulkan", "Cpu", "CpuNoAvx"]);
        whisper.GetProperty("fallback").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_runtime_order_that_finds_no_library_is_reported_in_status()
    {
        folder.CreateSubdirectory("runtimes");

        var whisper = await WhisperStatusAsync(("Whisper__LibraryPath", folder.FullName), ("Whisper__RuntimeLibraryOrder__0", "Cuda12"));

        whisper.GetProperty("runtime").ValueKind.ShouldBe(JsonValueKind.Null);
        whisper.GetProperty("error").GetString().ShouldStartWith($"Whisper.net could not load a native whisper library (runtimes tried in order: Cuda12; also under {folder.FullName}/runtimes): ");
    }

    private static async Task<JsonElement> WhisperStatusAsync(params (string Name, string Value)[] settings)
    {
        await using var appliance = await ApplianceProcess.StartAsync(
            new Dictionary<string, string>(settings.Select(s => KeyValuePair.Create(s.Name, s.Value))) { ["Streaming__AutoStart"] = "false" });
        return (await appliance.StatusAsync()).GetProperty("whisper");
    }
}
