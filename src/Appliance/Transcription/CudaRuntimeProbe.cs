using System.Globalization;
using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Transcription;

/// <summary>
/// Asks the CUDA runtime library the questions Whisper.net asks before it takes one of its CUDA runtimes (can
/// libcudart be opened, is it the major version the runtime was built for, how many devices does it see), so that
/// the appliance can say why it did not: Whisper.net only skips such a runtime, and logs the reason at debug level.
/// </summary>
internal static unsafe class CudaRuntimeProbe
{
    private const int RtldNow = 2;

    /// <summary>
    /// Why the CUDA runtime of major version <paramref name="major"/> is not usable here, or null when it is
    /// (a device is there and the library is the right version).
    /// </summary>
    public static string? WhyNotUsable(int major)
    {
        var name = $"libcudart.so.{major}";
        var (handle, openError) = DlOpen(name);
        if (handle == 0)
        {
            return $"{name} (the CUDA {major} runtime) could not be loaded: {openError}";
        }

        try
        {
            var getVersion = (delegate* unmanaged[Cdecl]<int*, int>)Export(handle, "cudaRuntimeGetVersion");
            var getDeviceCount = (delegate* unmanaged[Cdecl]<int*, int>)Export(handle, "cudaGetDeviceCount");
            var getErrorString = (delegate* unmanaged[Cdecl]<int, byte*>)Export(handle, "cudaGetErrorString");
            if (getVersion is null || getDeviceCount is null)
            {
                return $"{name} has no cudaRuntimeGetVersion or cudaGetDeviceCount: it is not NVIDIA's CUDA runtime.";
            }

            int version;
            var error = getVersion(&version);
            if (error != 0)
            {
                return $"{name}: cudaRuntimeGetVersion failed with {Describe(error, getErrorString)}.";
            }

            if (version / 1000 != major)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{name} is CUDA {version / 1000}.{version % 1000 / 10}, not CUDA {major}.");
            }

            int devices;
            error = getDeviceCount(&devices);
            if (error != 0)
            {
                // 35, cudaErrorInsufficientDriver: libcuda.so.1 is missing or too old, which in a container means it was started without the NVIDIA runtime.
                return $"{name}: cudaGetDeviceCount failed with {Describe(error, getErrorString)}" +
                       (error == 35 ? "; no NVIDIA driver is reachable: start the container with the NVIDIA container runtime (gpus: all), on a host with driver 550 or newer" : "");
            }

            return devices == 0 ? $"{name} sees no CUDA device." : null;
        }
        finally
        {
            // Only this lookup's reference: the library stays mapped if anything else holds it.
            Dl.Value.Close(handle);
        }
    }

    private static string Describe(int error, delegate* unmanaged[Cdecl]<int, byte*> getErrorString)
    {
        var text = getErrorString is null ? null : Marshal.PtrToStringUTF8((nint)getErrorString(error));
        return string.Create(CultureInfo.InvariantCulture, $"error {error}") + (string.IsNullOrEmpty(text) ? "" : $" ({text})");
    }

    private static void* Export(nint handle, string name) =>
        NativeLibrary.TryGetExport(handle, name, out var address) ? (void*)address : null;

    /// <summary>dlopen, and dlerror's text when it fails.</summary>
    private static (nint Handle, string? Error) DlOpen(string file)
    {
        var dl = Dl.Value;
        var utf8 = System.Text.Encoding.UTF8.GetBytes(file + "\0");
        fixed (byte* path = utf8)
        {
            // Called through pointers resolved beforehand: resolving dlerror lazily would itself call dlsym and clear
            // the error; only dlerror says why a library did not load (missing, or a missing dependency).
            var handle = dl.Open(path, RtldNow);
            return handle != 0 ? (handle, null) : (0, Marshal.PtrToStringUTF8((nint)dl.Error()) ?? "no reason given");
        }
    }

    private static readonly Lazy<DlFunctions> Dl = new(() =>
    {
        var libc = NativeLibrary.Load("libc.so.6");
        return new DlFunctions(
            (delegate* unmanaged[Cdecl]<byte*, int, nint>)NativeLibrary.GetExport(libc, "dlopen"),
            (delegate* unmanaged[Cdecl]<byte*>)NativeLibrary.GetExport(libc, "dlerror"),
            (delegate* unmanaged[Cdecl]<nint, int>)NativeLibrary.GetExport(libc, "dlclose"));
    });

    private sealed class DlFunctions(delegate* unmanaged[Cdecl]<byte*, int, nint> open, delegate* unmanaged[Cdecl]<byte*> error, delegate* unmanaged[Cdecl]<nint, int> close)
    {
        public nint Open(byte* path, int mode) => open(path, mode);

        public byte* Error() => error();

        public void Close(nint handle) => _ = close(handle);
    }
}
