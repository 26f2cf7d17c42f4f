using System.Runtime.InteropServices;

namespace LiveStt.Interop.Posix;

/// <summary>
/// The few libc calls .NET has no API for: opening a directory (FileStream refuses one) so that fsync can make
/// its entries durable.
/// </summary>
internal static partial class LibC
{
    private const string LibraryName = "libc";

    /// <summary>O_RDONLY; O_DIRECTORY differs between architectures, and a directory opens read-only without it.</summary>
    public const int ReadOnly = 0;

    [LibraryImport(LibraryName, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial SafeFileDescriptorHandle Open(string path, int flags);

    [LibraryImport(LibraryName, EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(SafeFileDescriptorHandle descriptor);

    [LibraryImport(LibraryName, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(nint descriptor);
}
