using LiveStt.Appliance.Transcription;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Whisper.net.LibraryLoader;

namespace LiveStt.Appliance.Tests.Transcription;

public sealed class WhisperRuntimeTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("livestt-whisper-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void A_missing_model_file_is_named_in_the_error_before_the_library_is_touched()
    {
        var path = Path.Combine(_directory.FullName, "ggml-nothing.bin");
        var runtime = new WhisperRuntime(Options.Create(new WhisperOptions()), NullLoggerFactory.Instance, TimeProvider.System);

        var error = Should.Throw<WhisperModelLoadException>(() => runtime.Load(path));

        error.Message.ShouldContain(path);
        error.Message.ShouldContain("does not exist");
    }

    [Fact]
    public void The_backend_is_the_gpu_whisper_initialised_without_its_index_or_else_cpu()
    {
        WhisperRuntime.BackendName(null).ShouldBe("CPU");
        WhisperRuntime.BackendName("CUDA0").ShouldBe("CUDA");
        WhisperRuntime.BackendName("Vulkan1").ShouldBe("Vulkan");
    }

    [Fact]
    public void The_runtime_order_is_the_configured_one_or_gpu_first_unless_the_gpu_is_off()
    {
        var configured = new WhisperOptions();
        configured.RuntimeLibraryOrder.Add("cuda12");
        configured.RuntimeLibraryOrder.Add("Cpu");

        WhisperRuntime.RuntimeOrder(configured).ShouldBe([RuntimeLibrary.Cuda12, RuntimeLibrary.Cpu]);
        WhisperRuntime.RuntimeOrder(new WhisperOptions()).ShouldBe(
            [RuntimeLibrary.Cuda, RuntimeLibrary.Cuda12, RuntimeLibrary.Vulkan, RuntimeLibrary.Cpu, RuntimeLibrary.CpuNoAvx]);
        WhisperRuntime.RuntimeOrder(new WhisperOptions { UseGpu = false }).ShouldBe([RuntimeLibrary.Cpu, RuntimeLibrary.CpuNoAvx]);
    }

    [Fact]
    public void The_binding_names_the_whisper_net_release()
    {
        WhisperRuntime.Binding.ShouldBe("Whisper.net 1.9.1");
    }
}
