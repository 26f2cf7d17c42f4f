using LiveStt.Appliance.Transcription;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Interop;

/// <summary>
/// libwhisper as the appliance uses it. Nothing native is touched until <see cref="Info"/> or
/// <see cref="Load"/> is first used, so the host starts (and its tests run) where libwhisper is absent;
/// the first use loads and checks the library and reports any problem as a <see cref="WhisperLibraryException"/>.
/// </summary>
internal sealed partial class LibWhisperRuntime : IWhisperRuntime
{
    private readonly WhisperOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    public LibWhisperRuntime(IOptions<WhisperOptions> options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Value;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<LibWhisperRuntime>();
        _timeProvider = timeProvider;
    }

    public WhisperRuntimeInfo Info
    {
        get
        {
            var library = Library;
            return new WhisperRuntimeInfo("own binding", library.Version, "Debian libwhisper1", WhisperNative.LibraryName, BackendName(library.Devices, _options.UseGpu), library.SystemInfo);
        }
    }

    private WhisperLibrary Library
    {
        get
        {
            WhisperLogRouter.RouteTo(_loggerFactory.CreateLogger("LiveStt.Whisper.Native"));
            return WhisperLibrary.Shared;
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

        var library = Library;
        WhisperModelFile.Check(fullPath);
        if (!string.Equals(_options.Language, "auto", StringComparison.OrdinalIgnoreCase)
            && WhisperNative.whisper_lang_id(_options.Language) < 0)
        {
            throw new InvalidOperationException(
                $"{WhisperOptions.SectionName}:Language \"{_options.Language}\" is not a language whisper.cpp knows; use a code such as \"en\" or \"de\", or \"auto\".");
        }

        var contextParams = library.ContextDefaults;
        contextParams.UseGpu = _options.UseGpu ? (byte)1 : (byte)0;
        contextParams.FlashAttn = _options.FlashAttention ? (byte)1 : (byte)0;
        contextParams.GpuDevice = _options.GpuDevice;

        var started = _timeProvider.GetTimestamp();
        _ = WhisperLogRouter.TakeLastError();
        var context = WhisperNative.whisper_init_from_file_with_params(fullPath, contextParams);
        if (context.IsInvalid)
        {
            context.Dispose();
            var reason = WhisperLogRouter.TakeLastError();
            throw new WhisperModelLoadException(
                $"whisper could not load the model '{fullPath}'" + (reason is null ? "" : $": {reason}") +
                ". The file is damaged, truncated, or not a whisper.cpp ggml model.");
        }

        Log.ModelLoaded(_logger, fullPath, _timeProvider.GetElapsedTime(started).TotalMilliseconds, BackendName(library.Devices, _options.UseGpu));
        return new LibWhisperTranscriber(context, library.GreedyDefaults, _options, _loggerFactory.CreateLogger<LibWhisperTranscriber>(), _timeProvider);
    }

    /// <summary>
    /// "CUDA" (or another GPU backend's name) when whisper may use a GPU ggml registered, otherwise "CPU".
    /// Device names carry an index ("CUDA0"); the backend is the name without it.
    /// </summary>
    internal static string BackendName(IReadOnlyList<WhisperDevice> devices, bool useGpu)
    {
        var gpu = useGpu ? devices.FirstOrDefault(device => device.IsGpu) : null;
        return gpu is null ? "CPU" : gpu.Name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Loaded whisper model {ModelPath} in {ElapsedMs:F0} ms on {Backend}")]
        public static partial void ModelLoaded(ILogger logger, string modelPath, double elapsedMs, string backend);
    }
}
