using LiveStt.Appliance.Transcription;
using Whisper.net.LibraryLoader;

namespace LiveStt.Appliance.Tests.Transcription;

/// <summary>How the appliance explains a GPU runtime Whisper.net passed over, from the folders it searched and the lines it logged.</summary>
public sealed class WhisperGpuFallbackTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("livestt-gpu-fallback-");

    public void Dispose() => folder.Delete(recursive: true);

    private string Runtimes => Path.Combine(folder.FullName, "runtimes");

    [Fact]
    public void A_cuda_runtime_in_the_image_that_was_passed_over_is_explained_with_the_cuda_check_that_failed()
    {
        Lay("cuda12/linux-x64");
        var asked = new List<int>();

        var reason = WhisperGpuFallback.Explain(
            [RuntimeLibrary.Cuda12, RuntimeLibrary.Cpu], RuntimeLibrary.Cpu, [Runtimes], "linux-x64", [],
            major => { asked.Add(major); return "libcudart.so.12: cudaGetDeviceCount failed with error 35"; });

        reason.ShouldBe($"Cuda12 ({Runtimes}/cuda12/linux-x64) was not used: libcudart.so.12: cudaGetDeviceCount failed with error 35. whisper runs on the Cpu runtime instead.");
        asked.ShouldBe([12]);
    }

    [Fact]
    public void A_library_that_did_not_open_is_the_reason_before_the_cuda_check()
    {
        Lay("cuda/linux-x64");
        var failure = $"Failed to load whisper library from {Runtimes}/cuda/linux-x64/libwhisper.so. Error: libcublas.so.13: cannot open shared object file: No such file or directory";

        var reason = WhisperGpuFallback.Explain(
            [RuntimeLibrary.Cuda, RuntimeLibrary.Cuda12, RuntimeLibrary.Cpu], RuntimeLibrary.Cpu, [Runtimes], "linux-x64",
            ["Couldn't load dependency at /elsewhere/runtimes/cuda/linux-x64/libggml-cuda-whisper.so. Received: nope", failure],
            _ => throw new InvalidOperationException("the CUDA check is not the reason"));

        reason.ShouldBe($"Cuda ({Runtimes}/cuda/linux-x64) was not used: {failure}. whisper runs on the Cpu runtime instead.");
    }

    [Fact]
    public void Gpu_runtimes_that_are_not_in_the_image_or_come_after_the_loaded_one_are_no_fallback()
    {
        Lay("linux-x64");
        Lay("vulkan/linux-x64");

        WhisperGpuFallback.Explain(
            [RuntimeLibrary.Cuda, RuntimeLibrary.Cuda12, RuntimeLibrary.Cpu, RuntimeLibrary.Vulkan], RuntimeLibrary.Cpu, [Runtimes], "linux-x64", [],
            _ => "no CUDA").ShouldBeNull();
        WhisperGpuFallback.Explain(
            [RuntimeLibrary.Cuda12, RuntimeLibrary.Cpu], RuntimeLibrary.Cuda12, [Runtimes], "linux-x64", [], _ => "no CUDA").ShouldBeNull();
    }

    [Fact]
    public void A_gpu_runtime_whose_folder_has_no_libwhisper_is_not_counted()
    {
        Directory.CreateDirectory(Path.Combine(Runtimes, "cuda12", "linux-arm64"));

        WhisperGpuFallback.Explain(
            [RuntimeLibrary.Cuda12, RuntimeLibrary.Cpu], RuntimeLibrary.Cpu, [Runtimes], "linux-arm64", [], _ => "no CUDA").ShouldBeNull();
    }

    [Fact]
    public void A_gpu_runtime_that_loaded_but_initialised_no_gpu_says_why_once_a_model_is_loaded()
    {
        WhisperGpuFallback.ExplainCpuBackend(RuntimeLibrary.Cuda12, useGpu: true, backendReported: false, gpuDevice: null).ShouldBeNull();
        WhisperGpuFallback.ExplainCpuBackend(RuntimeLibrary.Cuda12, useGpu: true, backendReported: true, gpuDevice: "CUDA0").ShouldBeNull();
        WhisperGpuFallback.ExplainCpuBackend(RuntimeLibrary.Cpu, useGpu: true, backendReported: true, gpuDevice: null).ShouldBeNull();
        WhisperGpuFallback.ExplainCpuBackend(RuntimeLibrary.Cuda12, useGpu: true, backendReported: true, gpuDevice: null)
            .ShouldBe("The Cuda12 runtime loaded, but whisper.cpp found no GPU device when it loaded the model; it decodes on the CPU.");
        WhisperGpuFallback.ExplainCpuBackend(RuntimeLibrary.Cuda, useGpu: false, backendReported: true, gpuDevice: null)
            .ShouldBe("The Cuda runtime loaded, but Whisper:UseGpu is false; whisper decodes on the CPU.");
    }

    [Fact]
    public void The_runtime_folders_are_where_whisper_net_1_9_1_looks()
    {
        WhisperGpuFallback.RuntimeFolder("/r", RuntimeLibrary.Cpu, "linux-arm64").ShouldBe("/r/linux-arm64");
        WhisperGpuFallback.RuntimeFolder("/r", RuntimeLibrary.Cuda, "linux-x64").ShouldBe("/r/cuda/linux-x64");
        WhisperGpuFallback.RuntimeFolder("/r", RuntimeLibrary.Cuda12, "linux-arm64").ShouldBe("/r/cuda12/linux-arm64");
        WhisperGpuFallback.RuntimeFolder("/r", RuntimeLibrary.Vulkan, "linux-x64").ShouldBe("/r/vulkan/linux-x64");
    }

    [Fact]
    public void Ggmls_cuda_device_lines_and_whisper_nets_loader_failures_are_recognised()
    {
        WhisperNativeLog.ParseCudaDeviceLine("Device 0: NVIDIA H100 80GB HBM3, compute capability 9.0, VMM: yes, VRAM: 81079 MiB")
            .ShouldBe((0, "NVIDIA H100 80GB HBM3, compute capability 9.0"));
        WhisperNativeLog.ParseCudaDeviceLine("Device 1: Orin, compute capability 8.7, VMM: no").ShouldBe((1, "Orin, compute capability 8.7"));
        WhisperNativeLog.ParseCudaDeviceLine("ggml_cuda_init: found 1 CUDA devices:").ShouldBeNull();
        WhisperNativeLog.IsLoaderFailureLine("Couldn't load dependency at /a/libggml-cuda-whisper.so. Received: x").ShouldBeTrue();
        WhisperNativeLog.IsLoaderFailureLine("Failed to load whisper library from /a/libwhisper.so. Error: x").ShouldBeTrue();
        WhisperNativeLog.IsLoaderFailureLine("Loading dependency at /a/libggml-base-whisper.so").ShouldBeFalse();
    }

    [Fact]
    public void The_device_is_the_backends_name_with_ggmls_description_when_it_gave_one()
    {
        WhisperRuntime.DeviceName(null).ShouldBeNull();
        WhisperRuntime.DeviceName("Vulkan0").ShouldBe("Vulkan0");
        WhisperRuntime.DeviceName("CUDA7").ShouldBe("CUDA7");
    }

    private void Lay(string relative)
    {
        var runtime = Directory.CreateDirectory(Path.Combine(Runtimes, relative));
        File.WriteAllBytes(Path.Combine(runtime.FullName, "libwhisper.so"), [0x7f, (byte)'E', (byte)'L', (byte)'F']);
    }
}
