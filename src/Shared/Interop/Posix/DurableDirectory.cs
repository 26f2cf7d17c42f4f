using System.Runtime.InteropServices;

namespace LiveStt.Interop.Posix;

/// <summary>
/// Makes a directory's entries durable. A file's own fsync keeps its bytes, not its name: after a power cut a new
/// or renamed file can be gone from its folder unless the folder was synced too.
/// </summary>
internal static class DurableDirectory
{
    /// <summary>fsync(2) of <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The directory cannot be opened or synced; the message carries errno's text.</exception>
    public static void Sync(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var directory = LibC.Open(path, LibC.ReadOnly);
        if (directory.IsInvalid)
        {
            throw new IOException($"'{path}' cannot be opened to sync it: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        if (LibC.Fsync(directory) != 0)
        {
            throw new IOException($"'{path}' cannot be synced: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }
}
