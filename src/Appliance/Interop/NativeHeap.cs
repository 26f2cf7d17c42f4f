using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Interop;

/// <summary>
/// Tunes glibc's allocator for whisper's allocation pattern. Whisper.net builds a fresh whisper state for every
/// decode (tens of MB of KV caches and compute buffers with a tiny model, more with larger ones), on a new thread
/// each time. glibc raises its mmap threshold whenever such a block is freed, so after the first decodes those
/// buffers come from per-thread heaps that keep them: resident memory climbed to about 290 MiB with a tiny-shaped
/// model where 126 MiB is in use. A fixed threshold keeps large blocks in mmap, returned to the system when freed;
/// decode times stayed within their run-to-run spread (figures in docs/benchmarks.md).
/// </summary>
internal static partial class NativeHeap
{
    /// <summary>Blocks of this size and larger are mmapped: glibc's default threshold, without its dynamic increase.</summary>
    public const int MmapThresholdBytes = 128 * 1024;

    private const int MallocMmapThreshold = -3;

    /// <summary>Fixes the mmap threshold; false where the C library has no mallopt (not glibc).</summary>
    public static bool FixMmapThreshold()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Mallopt(MallocMmapThreshold, MmapThresholdBytes) == 1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
