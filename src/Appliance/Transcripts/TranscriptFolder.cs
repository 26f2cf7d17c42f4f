namespace LiveStt.Appliance.Transcripts;

/// <summary>
/// The transcript files in a folder, each known by the session id in its name. A session is found by listing the
/// folder and matching ids that <see cref="TranscriptFormat.IsSessionId"/> accepts, never by building a path from an
/// id a request sent.
/// </summary>
internal static class TranscriptFolder
{
    /// <summary>Every transcript file in <paramref name="directory"/>; none when it is unset or missing.</summary>
    public static IEnumerable<FileInfo> Files(string? directory)
    {
        if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(directory))
        {
            return [];
        }

        return new DirectoryInfo(directory).EnumerateFiles("*" + TranscriptFormat.Extension)
            .Where(file => TranscriptFormat.IsSessionId(IdOf(file)));
    }

    /// <summary>Session <paramref name="id"/>'s transcript; null when the id is malformed or no such session was kept.</summary>
    public static FileInfo? FileOf(string? directory, string? id) =>
        TranscriptFormat.IsSessionId(id) ? Files(directory).FirstOrDefault(file => IdOf(file) == id) : null;

    /// <summary>The session id in a transcript's name; empty when it has none.</summary>
    public static string IdOf(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var name = Path.GetFileNameWithoutExtension(file.Name);
        var dash = name.LastIndexOf('-');
        return dash < 0 ? string.Empty : name[(dash + 1)..];
    }
}
