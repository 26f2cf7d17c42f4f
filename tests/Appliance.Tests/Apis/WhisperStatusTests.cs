using System.Net.Http.Json;
using System.Text.Json;
using LiveStt.Appliance.Tests.Captions;
using LiveStt.Appliance.Tests.Streaming;
using LiveStt.Appliance.Transcription;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveStt.Appliance.Tests.Apis;

/// <summary>/api/status's whisper block: the runtimes asked for, the one loaded, the GPU device, and a GPU fallback's reason.</summary>
public sealed class WhisperStatusTests
{
    [Fact]
    public async Task Status_names_the_requested_and_loaded_runtimes_and_why_the_gpu_one_was_not_used()
    {
        var info = new WhisperRuntimeInfo("Whisper.net 1.9.1", "1.8.5", "Cpu", "/app/runtimes/linux-x64/libwhisper.so", "CPU", "CPU : AVX2 = 1",
            ["Cuda12", "Cpu"], Device: null,
            Fallback: "Cuda12 (/app/runtimes/cuda12/linux-x64) was not used: libcudart.so.12: cudaGetDeviceCount failed with error 35. whisper runs on the Cpu runtime instead.");

        var whisper = await WhisperStatusAsync(info);

        whisper.GetProperty("runtime").GetString().ShouldBe("Cpu");
        whisper.GetProperty("requestedRuntimes").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Cuda12", "Cpu"]);
        whisper.GetProperty("backend").GetString().ShouldBe("CPU");
        whisper.GetProperty("device").ValueKind.ShouldBe(JsonValueKind.Null);
        whisper.GetProperty("fallback").GetString().ShouldBe(info.Fallback);
        whisper.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Status_names_the_cuda_device_when_whisper_runs_on_one()
    {
        var info = new WhisperRuntimeInfo("Whisper.net 1.9.1", "1.8.5", "Cuda12", "/app/runtimes/cuda12/linux-x64/libwhisper.so", "CUDA", "CUDA : ARCHS = 500",
            ["Cuda", "Cuda12", "Vulkan", "Cpu", "CpuNoAvx"], Device: "CUDA0: NVIDIA H100 80GB HBM3, compute capability 9.0", Fallback: null);

        var whisper = await WhisperStatusAsync(info);

        whisper.GetProperty("runtime").GetString().ShouldBe("Cuda12");
        whisper.GetProperty("backend").GetString().ShouldBe("CUDA");
        whisper.GetProperty("device").GetString().ShouldBe("CUDA0: NVIDIA H100 80GB HBM3, compute capability 9.0");
        whisper.GetProperty("fallback").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private static async Task<JsonElement> WhisperStatusAsync(WhisperRuntimeInfo info)
    {
        await using var host = ApplianceTestHost.Start(
            services: services => services.Replace(ServiceDescriptor.Singleton<IWhisperRuntime>(new InfoOnlyRuntime(info))));
        var status = await host.Http.GetFromJsonAsync<JsonElement>("/api/status", TestContext.Current.CancellationToken);
        return status.GetProperty("whisper");
    }

    /// <summary>A runtime that reports <paramref name="info"/>; nothing in these tests loads a model.</summary>
    private sealed class InfoOnlyRuntime(WhisperRuntimeInfo info) : IWhisperRuntime
    {
        private readonly FakeWhisperRuntime fake = new(_ => throw new InvalidOperationException("no model is loaded in a status test"));

        public WhisperRuntimeInfo Info => info;

        public ITranscriber Load(string modelPath) => fake.Load(modelPath);

        public bool KnowsLanguage(string code) => fake.KnowsLanguage(code);
    }
}
