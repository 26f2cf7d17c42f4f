using System.Runtime.InteropServices;
using LiveStt.Appliance.Interop;
using LiveStt.Appliance.Transcription;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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
    public void The_backend_is_the_gpu_ggml_registered_without_its_index_or_else_cpu()
    {
        WhisperDevice cpu = new("CPU", 0);
        WhisperDevice cuda = new("CUDA0", WhisperDevice.TypeGpu);

        WhisperRuntime.BackendName([cpu], useGpu: true).ShouldBe("CPU");
        WhisperRuntime.BackendName([cpu, cuda], useGpu: true).ShouldBe("CUDA");
        WhisperRuntime.BackendName([cpu, cuda], useGpu: false).ShouldBe("CPU");
        WhisperRuntime.BackendName([cpu, new WhisperDevice("Vulkan1", WhisperDevice.TypeIntegratedGpu)], useGpu: true).ShouldBe("Vulkan");
    }

    [Fact]
    public void Without_libwhisper_the_runtime_says_which_package_to_install()
    {
        if (NativeLibrary.TryLoad(WhisperNative.LibraryName, out var handle))
        {
            NativeLibrary.Free(handle);
            Assert.Skip("libwhisper loads on this machine; the native tests cover the loaded case.");
        }

        var runtime = new WhisperRuntime(Options.Create(new WhisperOptions()), NullLoggerFactory.Instance, TimeProvider.System);

        var error = Should.Throw<WhisperLibraryException>(() => runtime.Info);
        error.ShouldBeAssignableTo<InvalidOperationException>();
        error.Message.ShouldContain("libwhisper.so.1");
        error.Message.ShouldContain("apt-get install libwhisper1");
    }
}
