using LiveStt.Interop.Posix;

namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// Writes files so that a crash or power cut leaves either the old or the new content, never a torn one, and
/// never loses the name: the folder is synced after every rename, or the journaled step could vanish with it.
/// </summary>
internal static class DurableFile
{
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        DurableDirectory.Sync(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Deletes a file and syncs its folder, so that a deletion (a finished swap) is as durable as a write.</summary>
    public static void Delete(string path)
    {
        File.Delete(path);
        DurableDirectory.Sync(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public static void AppendLine(string path, string line)
    {
        var created = !File.Exists(path);
        using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
            stream.Flush(flushToDisk: true);
        }
        if (created)
        {
            DurableDirectory.Sync(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
    }
}
