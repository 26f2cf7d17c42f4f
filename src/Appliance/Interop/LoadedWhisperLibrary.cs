using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace LiveStt.Appliance.Interop;

/// <summary>
/// The libwhisper Whisper.net loaded, as this process maps it: which file it is, and the whisper.cpp version
/// it reports. Whisper.net binds the C API but not <c>whisper_version</c>, and only the version says whether
/// a library built elsewhere (a Jetson's CUDA build) has the structs Whisper.net was compiled against.
/// </summary>
internal static unsafe partial class LoadedWhisperLibrary
{
    /// <summary>The file name Whisper.net loads in every runtime folder.</summary>
    public const string FileName = "libwhisper.so";

    /// <summary>The mapped libwhisper's path, or null when none is mapped (not loaded yet, or not Linux).</summary>
    public static string? FindPath(string mapsPath = "/proc/self/maps")
    {
        if (!File.Exists(mapsPath))
        {
            return null;
        }

        foreach (var line in File.ReadLines(mapsPath))
        {
            var match = MappedFile().Match(line);
            if (match.Success && Path.GetFileName(match.Groups["path"].Value) == FileName)
            {
                return match.Groups["path"].Value;
            }
        }

        return null;
    }

    /// <summary>What <c>whisper_version()</c> of the library at <paramref name="path"/> returns; null when it has no such function.</summary>
    public static string? ReadVersion(string path)
    {
        if (!NativeLibrary.TryLoad(path, out var handle))
        {
            return null;
        }

        try
        {
            if (!NativeLibrary.TryGetExport(handle, "whisper_version", out var export))
            {
                return null;
            }

            var version = ((delegate* unmanaged[Cdecl]<byte*>)export)();
            return version is null ? null : Marshal.PtrToStringUTF8((nint)version);
        }
        finally
        {
            // Only drops this lookup's reference: Whisper.net holds its own, so the library stays mapped.
            NativeLibrary.Free(handle);
        }
    }

    // address perms offset dev inode path
    [GeneratedRegex(@"^\S+\s+\S+\s+\S+\s+\S+\s+\S+\s+(?<path>/.+)$")]
    private static partial Regex MappedFile();
}
