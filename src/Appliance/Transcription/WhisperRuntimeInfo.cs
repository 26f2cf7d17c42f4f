namespace LiveStt.Appliance.Transcription;

/// <summary>The native whisper library Whisper.net loaded.</summary>
/// <param name="Binding">The .NET binding and its version, e.g. "Whisper.net 1.9.1".</param>
/// <param name="Version">whisper_version() of the loaded library, e.g. 1.8.5.</param>
/// <param name="Runtime">Which of Whisper.net's runtimes was loaded: Cpu, CpuNoAvx, Cuda, Cuda12, Vulkan.</param>
/// <param name="LibraryPath">The libwhisper file the process mapped.</param>
/// <param name="Backend">CPU, or the GPU backend whisper last initialised (CUDA, Vulkan).</param>
/// <param name="SystemInfo">whisper_print_system_info(): the CPU features and backends compiled in.</param>
/// <param name="RequestedRuntimes">The runtimes Whisper.net was told to try, in order.</param>
/// <param name="Device">
/// The GPU whisper initialised: "CUDA0", with ggml's description when it logged one
/// ("CUDA0: NVIDIA H100 80GB HBM3, compute capability 9.0"); null on the CPU.
/// </param>
/// <param name="Fallback">Why whisper runs on the CPU where a GPU runtime was there to be used; null when it was not.</param>
public sealed record WhisperRuntimeInfo(
    string Binding,
    string Version,
    string Runtime,
    string LibraryPath,
    string Backend,
    string SystemInfo,
    IReadOnlyList<string> RequestedRuntimes,
    string? Device,
    string? Fallback);
