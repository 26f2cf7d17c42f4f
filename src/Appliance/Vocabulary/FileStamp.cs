namespace LiveStt.Appliance.Vocabulary;

/// <summary>What the vocabulary store compares between polls to tell that the file changed.</summary>
internal readonly record struct FileStamp(bool Exists, DateTime LastWriteUtc, long Length)
{
    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(true, info.LastWriteTimeUtc, info.Length) : default;
    }
}
