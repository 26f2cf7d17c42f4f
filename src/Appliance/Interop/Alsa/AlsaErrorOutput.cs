using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Interop.Alsa;

/// <summary>
/// alsa-lib prints its own error lines to stderr ("ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM x"),
/// which would repeat in the log on every reconnect attempt; the appliance reports the error code's meaning itself.
/// </summary>
internal static unsafe class AlsaErrorOutput
{
    private static int s_silenced;

    public static void Silence()
    {
        if (Interlocked.Exchange(ref s_silenced, 1) == 0)
        {
            // The handler is variadic in C; its fixed arguments arrive as for any call on x86-64 and arm64 Linux, and it reads no others.
            _ = LibAsound.snd_lib_error_set_handler(&Ignore);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Ignore(byte* file, int line, byte* function, int error, byte* format)
    {
    }
}
