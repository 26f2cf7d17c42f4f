using LiveStt.Interop.Posix;

namespace LiveStt.Appliance.Hosting;

/// <summary>
/// Replaces a settings file whole or not at all: the new content goes to a temporary file beside it, is synced, and
/// is renamed over the old one, and the folder is synced, so a kill or power cut leaves the old file or the new one,
/// never half of either.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                file.Write(content);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        DurableDirectory.Sync(directory);
    }
}
