using System.Runtime.InteropServices;
using LiveStt.Appliance.Interop;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.NativeTests;

/// <summary>The real libwhisper: its version, backend, and the layout check against its own defaults.</summary>
public sealed class WhisperLibraryNativeTests(GeneratedModels models)
{
    [Fact]
    public void Reports_a_1_9_version_a_backend_and_the_cpu_features()
    {
        var info = Whisper.Runtime().Info;

        TestContext.Current.SendDiagnosticMessage($"libwhisper {info.Version}, backend {info.Backend}, {info.SystemInfo}");
        info.Version.ShouldStartWith("1.9.");
        WhisperVersion.IsSupported(info.Version).ShouldBeTrue();
        info.Backend.ShouldBeOneOf("CPU", "CUDA");
        info.SystemInfo.ShouldContain("CPU :");
    }

    [Fact]
    public void Without_gpu_use_the_backend_is_cpu()
    {
        Whisper.Runtime(new WhisperOptions { UseGpu = false }).Info.Backend.ShouldBe("CPU");
    }

    [Theory]
    [InlineData(WhisperNative.SamplingGreedy)]
    [InlineData(WhisperNative.SamplingBeamSearch)]
    public unsafe void The_real_libraries_defaults_match_the_struct_this_build_uses(int strategy)
    {
        _ = WhisperLibrary.Shared;
        using var defaults = WhisperNative.whisper_full_default_params_by_ref(strategy);
        var bytes = new ReadOnlySpan<byte>((void*)defaults.DangerousGetHandle(), WhisperParamsLayout.FullParamsSize).ToArray();

        WhisperParamsLayout.FindFullParamsMismatches(bytes, strategy, p => Marshal.PtrToStringUTF8(p)).ShouldBeEmpty();

        using var context = WhisperNative.whisper_context_default_params_by_ref();
        WhisperParamsLayout.FindContextParamsMismatches(new ReadOnlySpan<byte>((void*)context.DangerousGetHandle(), WhisperParamsLayout.ContextParamsSize))
            .ShouldBeEmpty();
    }

    [Fact]
    public unsafe void The_check_rejects_the_real_defaults_once_a_field_is_moved()
    {
        _ = WhisperLibrary.Shared;
        using var defaults = WhisperNative.whisper_full_default_params_by_ref(WhisperNative.SamplingGreedy);
        var bytes = new ReadOnlySpan<byte>((void*)defaults.DangerousGetHandle(), WhisperParamsLayout.FullParamsSize).ToArray();

        // As if max_initial_ts and length_penalty had swapped places in a different build.
        var maxInitialTs = (int)Marshal.OffsetOf<WhisperFullParams>(nameof(WhisperFullParams.MaxInitialTs));
        var swapped = bytes.AsSpan(maxInitialTs, 8).ToArray();
        swapped.AsSpan(4, 4).CopyTo(bytes.AsSpan(maxInitialTs));
        swapped.AsSpan(0, 4).CopyTo(bytes.AsSpan(maxInitialTs + 4));

        var mismatches = WhisperParamsLayout.FindFullParamsMismatches(bytes, WhisperNative.SamplingGreedy, p => Marshal.PtrToStringUTF8(p));

        mismatches.ShouldBe(
        [
            "whisper_full_params.MaxInitialTs is -1, expected 1",
            "whisper_full_params.LengthPenalty is 1, expected -1",
        ]);
    }

    [Fact]
    public void Whispers_own_log_lines_reach_the_logger()
    {
        var logs = new CapturingLoggerFactory();
        var runtime = Whisper.Runtime(logs: logs);
        using (runtime.Load(models.Micro))
        {
        }

        logs.Entries.ShouldContain(entry => entry.Category == "LiveStt.Whisper.Native" && entry.Message.Contains("whisper_model_load", StringComparison.Ordinal));
        logs.Entries.ShouldContain(entry => entry.Message.StartsWith("Loaded whisper model", StringComparison.Ordinal));
    }
}
