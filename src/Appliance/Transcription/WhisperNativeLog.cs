using System.Text.RegularExpressions;
using Whisper.net.Logger;

namespace LiveStt.Appliance.Transcription;

/// <summary>
/// Sends Whisper.net's log (whisper.cpp's own lines, which otherwise go nowhere, and Whisper.net's loader
/// messages) to an <see cref="ILogger"/>, and remembers the two lines the appliance reports on: the first error
/// since it was last asked (whisper logs the cause before its "failed to load model"), for the exception a
/// failed load or decode throws, which GPU whisper initialised, if any, and the lines that say why a GPU runtime
/// was passed over: Whisper.net's loader failures, and the devices ggml's CUDA backend found.
/// There is one native library per process, so one route.
/// </summary>
internal static partial class WhisperNativeLog
{
    private static readonly Lock Gate = new();
    private static ILogger? s_logger;
    private static IDisposable? s_subscription;
    private static string? s_firstError;
    private static string? s_gpuDevice;
    private static bool s_backendReported;
    private static readonly List<string> LoaderFailureLines = [];
    private static readonly Dictionary<int, string> CudaDeviceLines = [];

    /// <summary>The GPU device whisper last initialised a backend on ("CUDA0"), or null when it ran on the CPU.</summary>
    public static string? GpuDevice => Volatile.Read(ref s_gpuDevice);

    /// <summary>Whether whisper has said which backend it initialised (it does when it loads a model).</summary>
    public static bool BackendReported => Volatile.Read(ref s_backendReported);

    /// <summary>Whisper.net's loader lines for a library it could not open ("Failed to load whisper library from ...").</summary>
    public static IReadOnlyList<string> LoaderFailures
    {
        get
        {
            lock (Gate)
            {
                return [.. LoaderFailureLines];
            }
        }
    }

    /// <summary>
    /// "NVIDIA H100 80GB HBM3, compute capability 9.0" for the CUDA device with index <paramref name="index"/>, as ggml's
    /// CUDA backend logged it when it started; null when it logged no such device.
    /// </summary>
    public static string? CudaDevice(int index)
    {
        lock (Gate)
        {
            return CudaDeviceLines.GetValueOrDefault(index);
        }
    }

    /// <summary>Where log lines go from now on. The first call subscribes to Whisper.net's log.</summary>
    public static void RouteTo(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        lock (Gate)
        {
            s_logger = logger;
            s_subscription ??= LogProvider.AddLogger(OnLog);
        }
    }

    /// <summary>Returns the first error line logged since the last call, and starts over.</summary>
    public static string? TakeFirstError() => Interlocked.Exchange(ref s_firstError, null);

    /// <summary>
    /// whisper's informational chatter (hyper-parameters, buffer sizes, progress) goes to Debug and Whisper.net's
    /// loader tracing to Trace, so that a running box logs only what needs attention.
    /// </summary>
    internal static LogLevel ToLogLevel(WhisperLogLevel level) => level switch
    {
        WhisperLogLevel.Error => LogLevel.Error,
        WhisperLogLevel.Warning => LogLevel.Warning,
        WhisperLogLevel.Debug => LogLevel.Trace,
        _ => LogLevel.Debug,
    };

    /// <summary>Reads whisper's report of the backend it initialised; null when the line is not one.</summary>
    internal static (bool IsBackendLine, string? GpuDevice) ParseBackendLine(string message)
    {
        if (!message.StartsWith("whisper_backend_init_gpu:", StringComparison.Ordinal))
        {
            return (false, null);
        }

        var match = UsingBackend().Match(message);
        return (true, match.Success ? match.Groups["device"].Value : null);
    }

    private static void OnLog(WhisperLogLevel level, string? text)
    {
        try
        {
            Route(level, text);
        }
#pragma warning disable CA1031 // Called from native code: an exception must not unwind into it; a lost log line is the lesser harm.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static void Route(WhisperLogLevel level, string? text)
    {
        var message = text?.Trim();
        if (string.IsNullOrEmpty(message))
        {
            return;
        }

        if (level == WhisperLogLevel.Error)
        {
            Interlocked.CompareExchange(ref s_firstError, message, null);
        }

        var (isBackendLine, device) = ParseBackendLine(message);
        if (isBackendLine)
        {
            Volatile.Write(ref s_gpuDevice, device);
            Volatile.Write(ref s_backendReported, true);
        }

        Remember(message);

        var logger = Volatile.Read(ref s_logger);
        var logLevel = IsPerChunkVadLine(message) ? LogLevel.Trace : ToLogLevel(level);
        if (logger is not null && logger.IsEnabled(logLevel))
        {
            Log.NativeMessage(logger, logLevel, message);
        }
    }

    /// <summary>Keeps a loader failure or a CUDA device line.</summary>
    private static void Remember(string message)
    {
        if (IsLoaderFailureLine(message))
        {
            lock (Gate)
            {
                LoaderFailureLines.Add(message);
            }
        }
        else if (ParseCudaDeviceLine(message) is { } cudaDevice)
        {
            lock (Gate)
            {
                CudaDeviceLines[cudaDevice.Index] = cudaDevice.Description;
            }
        }
    }

    /// <summary>Whisper.net's loader could not open a library (a runtime's dependency, or its libwhisper).</summary>
    internal static bool IsLoaderFailureLine(string message) =>
        message.StartsWith("Couldn't load dependency at ", StringComparison.Ordinal) ||
        message.StartsWith("Failed to load whisper library from ", StringComparison.Ordinal);

    /// <summary>
    /// Reads ggml's CUDA backend's "Device 0: NVIDIA H100 80GB HBM3, compute capability 9.0, VMM: yes" (trimmed);
    /// null when the line is not one.
    /// </summary>
    internal static (int Index, string Description)? ParseCudaDeviceLine(string message)
    {
        var match = CudaDeviceLine().Match(message);
        return match.Success
            ? (int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture), $"{match.Groups["name"].Value}, compute capability {match.Groups["cc"].Value}")
            : null;
    }

    /// <summary>
    /// whisper logs four lines for every 32 ms the voice-activity model scores; at Debug they would drown the rest.
    /// </summary>
    internal static bool IsPerChunkVadLine(string message) =>
        message.StartsWith("whisper_vad_detect_speech", StringComparison.Ordinal);

    [GeneratedRegex(@"using (?<device>\S+) backend")]
    private static partial Regex UsingBackend();

    [GeneratedRegex(@"^Device (?<index>[0-9]+): (?<name>.+?), compute capability (?<cc>[0-9]+\.[0-9]+)")]
    private static partial Regex CudaDeviceLine();

    private static partial class Log
    {
        [LoggerMessage(EventId = 1300, Message = "{NativeMessage}")]
        public static partial void NativeMessage(ILogger logger, LogLevel level, string nativeMessage);
    }
}
