using System.Reflection;
using LiveStt.Appliance.Interop;
using Microsoft.Extensions.Options;
using Whisper.net;
using Whisper.net.LibraryLoader;
using NativeModelLoadException = Whisper.net.WhisperModelLoadException;

namespace LiveStt.Appliance.Transcription;

/// <summary>
/// whisper.cpp through Whisper.net. Nothing native is touched until <see cref="Info"/> or <see cref="Load"/> is first
/// used, so the host starts (and its tests run) where no runtime loads; the first use loads the library Whisper.net
/// picks (<see cref="WhisperOptions.RuntimeLibraryOrder"/>, <see cref="WhisperOptions.LibraryPath"/>), checks that it
/// is the whisper.cpp release Whisper.net is built against, and reports any problem as a <see cref="WhisperLibraryException"/>.
/// </summary>
internal sealed partial class WhisperRuntime : IWhisperRuntime
{
    /// <summary>
    /// The whisper.cpp release Whisper.net 1.9.1 is built from (commit f24588a272ae8e23280d9c220536437164e6ed28,
    /// tag v1.8.5). Whisper.net mirrors that release's structs; a library from another release may lay them out
    /// differently, and whisper would then read garbage parameters.
    /// </summary>
    public const string BoundWhisperCppVersion = "1.8.5";

    /// <summary>The whisper.cpp commit Whisper.net 1.9.1's release is built from: a libwhisper built for the box must be this one.</summary>
    public const string BoundWhisperCppCommit = "f24588a272ae8e23280d9c220536437164e6ed28";

    private readonly WhisperOptions options;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly TimeProvider timeProvider;
    private readonly Lazy<LoadedLibrary> library;

    public WhisperRuntime(IOptions<WhisperOptions> options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.options = options.Value;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<WhisperRuntime>();
        this.timeProvider = timeProvider;
        library = new(LoadLibrary, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>"Whisper.net 1.9.1": the binding's own version, without its commit.</summary>
    public static string Binding { get; } =
        "Whisper.net " + (typeof(WhisperFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                          ?? typeof(WhisperFactory).Assembly.GetName().Version?.ToString(3));

    public WhisperRuntimeInfo Info
    {
        get
        {
            var loaded = library.Value;
            var gpuDevice = WhisperNativeLog.GpuDevice;
            var fallback = loaded.Fallback ?? (Enum.TryParse<RuntimeLibrary>(loaded.Runtime, out var runtime)
                ? WhisperGpuFallback.ExplainCpuBackend(runtime, options.UseGpu, WhisperNativeLog.BackendReported, gpuDevice)
                : null);
            return new WhisperRuntimeInfo(Binding, loaded.Version, loaded.Runtime, loaded.Path, BackendName(gpuDevice), loaded.SystemInfo,
                loaded.RequestedRuntimes, DeviceName(gpuDevice), fallback);
        }
    }

    public ITranscriber Load(string modelPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        var fullPath = Path.GetFullPath(modelPath);
        if (!File.Exists(fullPath))
        {
            throw new WhisperModelLoadException($"The model file '{fullPath}' does not exist.");
        }

        var loaded = library.Value;
        var header = WhisperModelFile.Check(fullPath);
        var language = options.Language.ToLowerInvariant();
        if (language != WhisperOptions.DetectLanguage && !loaded.Languages.Contains(language))
        {
            throw new InvalidOperationException(
                $"{WhisperOptions.SectionName}:Language \"{options.Language}\" is not a language whisper.cpp knows; use a code such as \"en\" or \"de\", or \"{WhisperOptions.DetectLanguage}\".");
        }

        var started = timeProvider.GetTimestamp();
        _ = WhisperNativeLog.TakeFirstError();
        var factory = WhisperFactory.FromPath(fullPath, new WhisperFactoryOptions
        {
            UseGpu = options.UseGpu,
            UseFlashAttention = options.FlashAttention,
            GpuDevice = options.GpuDevice,
        });
        try
        {
            // The factory loads the context eagerly but only reports a failed load when asked for a builder.
            _ = factory.CreateBuilder();
        }
        catch (NativeModelLoadException)
        {
            factory.Dispose();
            var reason = WhisperNativeLog.TakeFirstError();
            throw new WhisperModelLoadException(
                $"whisper could not load the model '{fullPath}'" + (reason is null ? "" : $": {reason}") +
                ". The file is damaged, truncated, or not a whisper.cpp ggml model.");
        }

        var backend = BackendName(WhisperNativeLog.GpuDevice);
        Log.ModelLoaded(logger, fullPath, timeProvider.GetElapsedTime(started).TotalMilliseconds, backend, loaded.Runtime);
        if (Enum.TryParse<RuntimeLibrary>(loaded.Runtime, out var runtime) &&
            WhisperGpuFallback.ExplainCpuBackend(runtime, options.UseGpu, WhisperNativeLog.BackendReported, WhisperNativeLog.GpuDevice) is { } onCpu)
        {
            Log.GpuRuntimeNotUsed(logger, onCpu);
        }
        return new WhisperTranscriber(factory, header, options, loggerFactory.CreateLogger<WhisperTranscriber>(), timeProvider);
    }

    public bool KnowsLanguage(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code == WhisperOptions.DetectLanguage)
        {
            return true;
        }

        try
        {
            return library.Value.Languages.Contains(code);
        }
        catch (WhisperLibraryException)
        {
            return true;
        }
    }

    /// <summary>"CUDA" (or another GPU backend's name) for the device whisper initialised, without its index; otherwise "CPU".</summary>
    internal static string BackendName(string? gpuDevice) =>
        string.IsNullOrEmpty(gpuDevice) ? "CPU" : gpuDevice.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');

    /// <summary>"CUDA0: NVIDIA H100 80GB HBM3, compute capability 9.0" when ggml described the device, "CUDA0" when not, null on the CPU.</summary>
    internal static string? DeviceName(string? gpuDevice)
    {
        if (string.IsNullOrEmpty(gpuDevice))
        {
            return null;
        }

        var backend = BackendName(gpuDevice);
        var description = backend == "CUDA" && int.TryParse(gpuDevice.AsSpan(backend.Length), System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? WhisperNativeLog.CudaDevice(index)
            : null;
        return description is null ? gpuDevice : $"{gpuDevice}: {description}";
    }

    /// <summary>
    /// The runtimes to try: the configured order, or Whisper.net's own (GPU first) when none is configured,
    /// without the GPU runtimes when the GPU is not to be used.
    /// </summary>
    internal static List<RuntimeLibrary> RuntimeOrder(WhisperOptions options)
    {
        if (options.RuntimeLibraryOrder.Count > 0)
        {
            return [.. options.RuntimeLibraryOrder.Select(name => Enum.Parse<RuntimeLibrary>(name, ignoreCase: true))];
        }

        return options.UseGpu
            ? [RuntimeLibrary.Cuda, RuntimeLibrary.Cuda12, RuntimeLibrary.Vulkan, RuntimeLibrary.Cpu, RuntimeLibrary.CpuNoAvx]
            : [RuntimeLibrary.Cpu, RuntimeLibrary.CpuNoAvx];
    }

    private LoadedLibrary LoadLibrary()
    {
        WhisperNativeLog.RouteTo(loggerFactory.CreateLogger("LiveStt.Whisper.Native"));

        // Process-wide, and read once, when Whisper.net first loads its library.
        var order = RuntimeOrder(options);
        RuntimeOptions.RuntimeLibraryOrder = order;
        if (options.LibraryPath is { } folder)
        {
            // Whisper.net searches "runtimes/..." beside the directory part of this path.
            RuntimeOptions.LibraryPath = Path.Combine(folder, WhisperOptions.RuntimesFolder);
        }

        string systemInfo;
        IReadOnlySet<string> languages;
        try
        {
            systemInfo = (WhisperFactory.GetRuntimeInfo() ?? "").Trim();
            languages = WhisperFactory.GetSupportedLanguages().ToHashSet(StringComparer.Ordinal);
        }
#pragma warning disable CA1031 // Whisper.net reports a failed load as a plain Exception, FileNotFoundException or PlatformNotSupportedException.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw new WhisperLibraryException(
                $"Whisper.net could not load a native whisper library (runtimes tried in order: {string.Join(", ", order)}" +
                (options.LibraryPath is null ? "" : $"; also under {options.LibraryPath}/{WhisperOptions.RuntimesFolder}") +
                $"): {ex.Message} The CPU runtime ships with the appliance (Whisper.net.Runtime); it needs a CPU with AVX2 and FMA on x86-64, glibc 2.31 or newer and libgomp1.",
                ex);
        }

        var runtime = RuntimeOptions.LoadedLibrary?.ToString() ?? "unknown";
        var path = LoadedWhisperLibrary.FindPath() ?? "unknown";
        var version = path == "unknown" ? null : LoadedWhisperLibrary.ReadVersion(path);
        if (version != BoundWhisperCppVersion)
        {
            throw new WhisperLibraryException(
                $"The whisper library {path} reports whisper.cpp {version ?? "(no version)"}, but {Binding} is built against whisper.cpp " +
                $"{BoundWhisperCppVersion} (commit {BoundWhisperCppCommit}) and reads its structs as that release lays them out. " +
                "Build libwhisper from that commit.");
        }

        Log.LibraryLoaded(logger, Binding, runtime, path, version, systemInfo);
        var fallback = RuntimeOptions.LoadedLibrary is { } loadedRuntime
            ? WhisperGpuFallback.Explain(order, loadedRuntime, SearchedRuntimesFolders(), WhisperGpuFallback.Platform(), WhisperNativeLog.LoaderFailures, CudaRuntimeProbe.WhyNotUsable)
            : null;
        if (fallback is not null)
        {
            Log.GpuRuntimeNotUsed(logger, fallback);
        }

        return new LoadedLibrary(version, runtime, path, systemInfo, languages, [.. order.Select(r => r.ToString())], fallback);
    }

    /// <summary>The "runtimes" folders Whisper.net searches: under the configured library path, then beside the application.</summary>
    private IEnumerable<string> SearchedRuntimesFolders()
    {
        string?[] roots = [options.LibraryPath, AppContext.BaseDirectory, Path.GetDirectoryName(typeof(WhisperFactory).Assembly.Location)];
        return roots
            .Where(root => !string.IsNullOrEmpty(root))
            .Select(root => Path.Combine(Path.TrimEndingDirectorySeparator(root!), WhisperOptions.RuntimesFolder))
            .Distinct(StringComparer.Ordinal);
    }

    private sealed record LoadedLibrary(
        string Version, string Runtime, string Path, string SystemInfo, IReadOnlySet<string> Languages, IReadOnlyList<string> RequestedRuntimes, string? Fallback);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Loaded whisper model {ModelPath} in {ElapsedMs:F0} ms on {Backend} (runtime {Runtime})")]
        public static partial void ModelLoaded(ILogger logger, string modelPath, double elapsedMs, string backend, string runtime);

        [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "A GPU runtime was there but not used: {Reason}")]
        public static partial void GpuRuntimeNotUsed(ILogger logger, string reason);

        [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "{Binding} loaded its {Runtime} runtime from {LibraryPath}: whisper.cpp {Version}, {SystemInfo}")]
        public static partial void LibraryLoaded(ILogger logger, string binding, string runtime, string libraryPath, string version, string systemInfo);
    }
}
