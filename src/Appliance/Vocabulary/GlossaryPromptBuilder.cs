namespace LiveStt.Appliance.Vocabulary;

/// <summary>Fits glossary entries, in file order, into whisper's prompt budget.</summary>
internal static class GlossaryPromptBuilder
{
    /// <summary>
    /// Keeps entries in file order until the next one would take the prompt past <paramref name="maxTokens"/>
    /// (estimated); that entry and all after it are left out and reported, so the file's order is its priority.
    /// </summary>
    /// <param name="entries">Entries with their positions in the file (e.g. <c>glossary[3]</c>).</param>
    public static (IReadOnlyList<string> Kept, int Tokens) Fit(
        IReadOnlyList<(string Position, string Entry)> entries, int maxTokens, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(problems);
        var kept = new List<string>();
        var tokens = 0;
        foreach (var (position, entry) in entries)
        {
            var joined = string.Join(CompiledVocabulary.GlossarySeparator, kept.Append(entry));
            var needed = WhisperTokenEstimate.Estimate(joined);
            if (needed > maxTokens)
            {
                var after = entries.Count - kept.Count - 1;
                problems.Add(
                    $"{position}: '{entry}'{after switch { 0 => string.Empty, 1 => " and the entry after it", _ => $" and the {after} entries after it" }} left out: " +
                    $"the glossary would take {needed} tokens (estimated), over Vocabulary:GlossaryMaxTokens ({maxTokens}); " +
                    $"{kept.Count} entries kept.");
                break;
            }

            kept.Add(entry);
            tokens = needed;
        }

        return (kept, tokens);
    }
}
