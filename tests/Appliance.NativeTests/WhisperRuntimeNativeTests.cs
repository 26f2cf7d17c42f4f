using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.NativeTests;

/// <summary>The native library Whisper.net loads: which runtime and file, its version and backend, its log.</summary>
public sealed class WhisperRuntimeNativeTests(GeneratedModels models)
{
    [Fact]
    public void Reports_the_cpu_runtime_whisper_net_loaded_with_its_version_file_and_cpu_features()
    {
        var info = Whisper.Runtime().Info;

        TestContext.Current.SendDiagnosticMessage($"{info.Binding}: {info.Runtime} runtime, whisper.cpp {info.Version}, {info.LibraryPath}, backend {info.Backend}, {info.SystemInfo}");
        info.Binding.ShouldBe("Whisper.net 1.9.1");
        info.Version.ShouldBe(WhisperRuntime.BoundWhisperCppVersion);
        info.Runtime.ShouldBe("Cpu");
        info.LibraryPath.ShouldBe(Path.Combine(AppContext.BaseDirectory, "runtimes", Rid(), "libwhisper.so"));
        info.Backend.ShouldBe("CPU");
        info.SystemInfo.ShouldContain("CPU :");
    }

    [Fact]
    public void Whispers_own_log_lines_reach_the_logger()
    {
        var logs = new CapturingLoggerFactory();
        var runtime = Whisper.Runtime(logs: logs);
        using (runtime.Load(models.Micro))
        {
        }

        logs.Entries.ShouldContain(entry => entry.Category == "LiveStt.Whisper.Native" && entry.Message.StartsWith("whisper_model_load:", StringComparison.Ordinal));
        logs.Entries.ShouldContain(entry => entry.Message.StartsWith("Loaded whisper model", StringComparison.Ordinal) && entry.Message.EndsWith("on CPU (runtime Cpu)", StringComparison.Ordinal));
    }

    private static string Rid() => System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "linux-x64",
        System.Runtime.InteropServices.Architecture.Arm64 => "linux-arm64",
        var other => throw new PlatformNotSupportedException(other.ToString()),
    };
}
