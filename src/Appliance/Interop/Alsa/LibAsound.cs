using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Interop.Alsa;

/// <summary>
/// The parts of alsa-lib's C API (libasound.so.2) that capture needs. Frame counts are C long / unsigned long
/// (snd_pcm_sframes_t, snd_pcm_uframes_t), so nint / nuint; errors are negative errno values.
/// </summary>
internal static unsafe partial class LibAsound
{
    public const string LibraryName = "libasound.so.2";

    /// <summary>SND_PCM_STREAM_CAPTURE.</summary>
    public const int StreamCapture = 1;

    /// <summary>SND_PCM_NONBLOCK: reads return -EAGAIN instead of waiting; the capture thread waits with snd_pcm_wait.</summary>
    public const int NonBlocking = 1;

    /// <summary>SND_PCM_ACCESS_RW_INTERLEAVED.</summary>
    public const int AccessReadWriteInterleaved = 3;

    /// <summary>SND_PCM_FORMAT_S16_LE.</summary>
    public const int FormatS16LittleEndian = 2;

    /// <summary>SND_PCM_FORMAT_S32_LE.</summary>
    public const int FormatS32LittleEndian = 10;

    /// <summary>SND_PCM_FORMAT_FLOAT_LE.</summary>
    public const int FormatFloatLittleEndian = 14;

    public const int ErrorAgain = -11;
    public const int ErrorBrokenPipe = -32;
    public const int ErrorStreamPipe = -86;

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int snd_pcm_open(out SafePcmHandle pcm, string name, int stream, int mode);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_close(nint pcm);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_hw_params_malloc(out SafeHwParamsHandle parameters);

    [LibraryImport(LibraryName)]
    public static partial void snd_pcm_hw_params_free(nint parameters);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_hw_params_any(SafePcmHandle pcm, SafeHwParamsHandle parameters);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_hw_params_set_access(SafePcmHandle pcm, SafeHwParamsHandle parameters, int access);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_hw_params_test_format(SafePcmHandle pcm, SafeHwParamsHandle parameters, int format);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_hw_params_set_format(SafePcmHandle pcm, SafeHwParamsHandle parameters, int format);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_hw_params_test_channels(SafePcmHandle pcm, SafeHwParamsHandle parameters, uint channels);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_hw_params_set_channels_near(SafePcmHandle pcm, SafeHwParamsHandle parameters, ref uint channels);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_hw_params_test_rate(SafePcmHandle pcm, SafeHwParamsHandle parameters, uint rate, int direction);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_hw_params_set_rate_near(SafePcmHandle pcm, SafeHwParamsHandle parameters, ref uint rate, ref int direction);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_hw_params_set_period_time_near(SafePcmHandle pcm, SafeHwParamsHandle parameters, ref uint microseconds, ref int direction);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_hw_params_set_buffer_time_near(SafePcmHandle pcm, SafeHwParamsHandle parameters, ref uint microseconds, ref int direction);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_hw_params(SafePcmHandle pcm, SafeHwParamsHandle parameters);

    [LibraryImport(LibraryName)]
    public static partial nint snd_pcm_readi(SafePcmHandle pcm, void* buffer, nuint frames);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_wait(SafePcmHandle pcm, int timeoutMs);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_recover(SafePcmHandle pcm, int error, int silent);

    [LibraryImport(LibraryName)]
    public static partial int snd_pcm_start(SafePcmHandle pcm);

    [LibraryImport(LibraryName)]
    public static partial nint snd_strerror(int error);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int snd_device_name_hint(int card, string iface, out nint hints);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint snd_device_name_get_hint(nint hint, string id);

    [LibraryImport(LibraryName)]
    public static partial int snd_device_name_free_hint(nint hints);

    [LibraryImport(LibraryName)]
    public static partial int snd_lib_error_set_handler(delegate* unmanaged[Cdecl]<byte*, int, byte*, int, byte*, void> handler);

    /// <summary>alsa-lib's text for a negative error code.</summary>
    public static string Describe(int error) => Marshal.PtrToStringUTF8(snd_strerror(error)) ?? $"error {error}";
}
