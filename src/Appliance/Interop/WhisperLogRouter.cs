using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Interop;

/// <summary>
/// Sends whisper.cpp's and ggml's log lines (which otherwise go to stderr) to an <see cref="ILogger"/>.
/// The native side holds only a function pointer; the logger lives in a static field, so no GCHandle
/// is needed. There is one libwhisper per process, so one route.
/// </summary>
internal static unsafe partial class WhisperLogRouter
{
    private const int GgmlLogLevelDebug = 1;
    private const int GgmlLogLevelInfo = 2;
    private const int GgmlLogLevelWarn = 3;
    private const int GgmlLogLevelError = 4;
    private const int GgmlLogLevelCont = 5;

    private static ILogger? s_logger;
    private static int s_lastLevel = GgmlLogLevelInfo;

    // whisper logs why a load or decode failed on the thread that called it; kept per thread so the
    // exception thrown on that thread can quote it.
    [ThreadStatic]
    private static string? t_lastError;

    /// <summary>The callback to pass to <c>whisper_log_set</c>, which also sets ggml's.</summary>
    public static delegate* unmanaged[Cdecl]<int, byte*, nint, void> Callback => &OnLog;

    /// <summary>Where native log lines go from now on.</summary>
    public static void RouteTo(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        Volatile.Write(ref s_logger, logger);
    }

    /// <summary>Returns and clears the last error line whisper logged on this thread.</summary>
    public static string? TakeLastError()
    {
        var last = t_lastError;
        t_lastError = null;
        return last;
    }

    /// <summary>
    /// whisper's informational chatter (hyper-parameters, buffer sizes) goes to Debug so that a running
    /// box logs only what needs attention; warnings and errors keep their level.
    /// </summary>
    internal static LogLevel ToLogLevel(int ggmlLevel) => ggmlLevel switch
    {
        GgmlLogLevelDebug => LogLevel.Trace,
        GgmlLogLevelInfo => LogLevel.Debug,
        GgmlLogLevelWarn => LogLevel.Warning,
        GgmlLogLevelError => LogLevel.Error,
        _ => LogLevel.Debug,
    };

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(int level, byte* text, nint userData)
    {
        try
        {
            if (text is null)
            {
                return;
            }

            // CONT continues the previous line, so it is logged at the previous line's level.
            var effective = level == GgmlLogLevelCont ? s_lastLevel : level;
            s_lastLevel = effective;
            var logLevel = ToLogLevel(effective);
            var logger = Volatile.Read(ref s_logger);
            var wanted = logger is not null && logger.IsEnabled(logLevel);
            if (!wanted && effective != GgmlLogLevelError)
            {
                return;
            }

            var message = Marshal.PtrToStringUTF8((nint)text)?.Trim();
            if (string.IsNullOrEmpty(message))
            {
                return;
            }

            if (effective == GgmlLogLevelError)
            {
                t_lastError = message;
            }

            if (wanted)
            {
                Log.NativeMessage(logger!, logLevel, message);
            }
        }
#pragma warning disable CA1031 // An exception must not unwind into native code; a lost log line is the lesser harm.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1300, Message = "{NativeMessage}")]
        public static partial void NativeMessage(ILogger logger, LogLevel level, string nativeMessage);
    }
}
