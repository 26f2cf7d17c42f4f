using System.Runtime.InteropServices;
using Whisper.net.LibraryLoader;

namespace LiveStt.Appliance.Transcription;

/// <summary>
/// Says why whisper runs on the CPU where a GPU runtime was there to be used. Whisper.net passes over a GPU runtime
/// without a word above debug level (no CUDA driver, no device, a library that does not open) and takes the next one
/// in its order; the box's status must say so, or a CUDA image on a host without the NVIDIA container runtime looks
/// like it works while it captions many times slower.
/// </summary>
internal static class WhisperGpuFallback
{
    /// <summary>Whisper.net's runtimes that compute on a GPU.</summary>
    public static bool IsGpuRuntime(RuntimeLibrary runtime) => runtime is RuntimeLibrary.Cuda or RuntimeLibrary.Cuda12 or RuntimeLibrary.Vulkan;

    /// <summary>"linux-x64" or "linux-arm64": the platform folder Whisper.net looks in.</summary>
    public static string Platform() => "linux-" + RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "x64",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        Architecture.X86 => "x86",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>The folder of <paramref name="runtime"/>'s libraries under a <c>runtimes</c> folder, as Whisper.net 1.9.1 lays them out.</summary>
    public static string RuntimeFolder(string runtimesFolder, RuntimeLibrary runtime, string platform) => runtime switch
    {
        RuntimeLibrary.Cpu => Path.Combine(runtimesFolder, platform),
        RuntimeLibrary.Cuda => Path.Combine(runtimesFolder, "cuda", platform),
        RuntimeLibrary.Cuda12 => Path.Combine(runtimesFolder, "cuda12", platform),
        RuntimeLibrary.Vulkan => Path.Combine(runtimesFolder, "vulkan", platform),
        RuntimeLibrary.CpuNoAvx => Path.Combine(runtimesFolder, "noavx", platform),
        RuntimeLibrary.CoreML => Path.Combine(runtimesFolder, "coreml", platform),
        RuntimeLibrary.OpenVino => Path.Combine(runtimesFolder, "openvino", platform),
        _ => throw new ArgumentOutOfRangeException(nameof(runtime), runtime, "Not a Whisper.net runtime."),
    };

    /// <summary>
    /// Why the GPU runtimes that come before <paramref name="loaded"/> in <paramref name="order"/> and have a libwhisper
    /// under one of <paramref name="runtimesFolders"/> were not loaded; null when there was none (a CPU image, or the
    /// loaded runtime is the first one present).
    /// </summary>
    /// <param name="order">The runtimes Whisper.net was told to try, in order.</param>
    /// <param name="loaded">The runtime it loaded.</param>
    /// <param name="runtimesFolders">The <c>runtimes</c> folders it searched.</param>
    /// <param name="platform">"linux-x64" or "linux-arm64".</param>
    /// <param name="loaderFailures">Whisper.net's lines for libraries it could not open.</param>
    /// <param name="whyCudaNotUsable">Why the CUDA runtime of a major version is not usable, or null when it is.</param>
    public static string? Explain(
        IReadOnlyList<RuntimeLibrary> order,
        RuntimeLibrary loaded,
        IEnumerable<string> runtimesFolders,
        string platform,
        IReadOnlyList<string> loaderFailures,
        Func<int, string?> whyCudaNotUsable)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(loaderFailures);
        ArgumentNullException.ThrowIfNull(whyCudaNotUsable);
        var folders = runtimesFolders.ToList();
        var reasons = new List<string>();
        foreach (var runtime in order.TakeWhile(runtime => runtime != loaded).Where(IsGpuRuntime).Distinct())
        {
            var present = folders
                .Select(folder => RuntimeFolder(folder, runtime, platform))
                .Where(folder => File.Exists(Path.Combine(folder, "libwhisper.so")))
                .ToList();
            if (present.Count == 0)
            {
                continue;
            }

            // A library that did not open was tried, so the CUDA check had passed; otherwise the check is what failed.
            var failure = loaderFailures.FirstOrDefault(line => present.Any(folder => line.Contains(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)));
            var reason = failure
                         ?? (runtime == RuntimeLibrary.Cuda12 ? whyCudaNotUsable(12) : runtime == RuntimeLibrary.Cuda ? whyCudaNotUsable(13) : null)
                         ?? "Whisper.net passed it over without saying why (its debug log may)";
            reasons.Add($"{runtime} ({present[0]}) was not used: {reason.TrimEnd('.')}");
        }

        return reasons.Count == 0 ? null : $"{string.Join("; ", reasons)}. whisper runs on the {loaded} runtime instead.";
    }

    /// <summary>
    /// Why a GPU runtime that loaded decodes on the CPU after all: whisper initialised no GPU when it loaded the model.
    /// Null while no model has been loaded, or when it did initialise one, or the runtime is a CPU one.
    /// </summary>
    public static string? ExplainCpuBackend(RuntimeLibrary loaded, bool useGpu, bool backendReported, string? gpuDevice)
    {
        if (!IsGpuRuntime(loaded) || !backendReported || !string.IsNullOrEmpty(gpuDevice))
        {
            return null;
        }

        return useGpu
            ? $"The {loaded} runtime loaded, but whisper.cpp found no GPU device when it loaded the model; it decodes on the CPU."
            : $"The {loaded} runtime loaded, but {WhisperOptions.SectionName}:UseGpu is false; whisper decodes on the CPU.";
    }
}
