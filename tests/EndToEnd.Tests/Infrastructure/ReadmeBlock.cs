namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>A fenced block of the repository's README, found by the HTML comment marker on the line before it.</summary>
internal static class ReadmeBlock
{
    /// <summary>The block's command lines, in order, after <c>&lt;!-- marker: ... --&gt;</c>.</summary>
    public static IReadOnlyList<string> Lines(string marker)
    {
        var readme = File.ReadAllLines(Path.Combine(TestEnvironment.RepositoryRoot, "README.md"));
        var at = Array.FindIndex(readme, l => l.StartsWith($"<!-- {marker}:", StringComparison.Ordinal));
        if (at < 0 || at + 1 >= readme.Length || !readme[at + 1].StartsWith("```", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"README.md has no fenced block after <!-- {marker}: ... -->");
        }

        var end = Array.FindIndex(readme, at + 2, l => l.StartsWith("```", StringComparison.Ordinal));
        if (end < 0)
        {
            throw new InvalidOperationException($"README.md's block after <!-- {marker}: ... --> is not closed");
        }

        return readme[(at + 2)..end].Where(l => l.Trim().Length > 0).ToList();
    }
}
