namespace LiveStt.OpsAgent.Offline;

/// <summary>
/// Paths inside an image tarball, which must stay inside it. The engine unpacks the tarball to load it, so an
/// absolute path, a ".." or a link that climbs out would reach files beside or above its folder; none is ever
/// needed by a real "docker save".
/// </summary>
internal static class TarballPath
{
    /// <summary>The path relative to the tarball's root, without "./" parts ("" for the root); null when it leads outside.</summary>
    public static string? Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.StartsWith('/'))
        {
            return null;
        }
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == "..")
            {
                return null;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    /// <summary>
    /// Where a link entry points, relative to the tarball's root; null when it leads outside. A symbolic link is
    /// read from its own folder (docker save links a repeated layer as "../&lt;id&gt;/layer.tar"), a hard link from the root.
    /// </summary>
    public static string? LinkTarget(string entryPath, string linkName, bool symbolic)
    {
        ArgumentNullException.ThrowIfNull(entryPath);
        ArgumentNullException.ThrowIfNull(linkName);
        if (linkName.Length == 0 || linkName.StartsWith('/'))
        {
            return null;
        }
        var parts = new List<string>();
        if (symbolic)
        {
            parts.AddRange(entryPath.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipLast(1));
        }
        foreach (var part in linkName.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
