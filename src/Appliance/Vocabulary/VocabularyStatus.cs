namespace LiveStt.Appliance.Vocabulary;

/// <summary>The vocabulary in use and the problems found in its file.</summary>
/// <param name="Path">The vocabulary file; empty when the vocabulary is turned off.</param>
/// <param name="Loaded">
/// Whether the vocabulary in use was read from the file. False when there is no file, or when it has never
/// been readable; a file that breaks later leaves the last good vocabulary in use, still loaded.
/// </param>
/// <param name="LoadedAt">When the vocabulary in use was read; null when none was.</param>
/// <param name="GlossaryEntries">Glossary entries in whisper's prompt (after the token budget).</param>
/// <param name="GlossaryTokens">Estimated whisper tokens of the glossary prompt.</param>
/// <param name="Rules">Replacement rules in use.</param>
/// <param name="Problems">What was wrong with the file as last read, each with its position, e.g. <c>replacements[2]: ...</c>.</param>
/// <param name="RuleTimeouts">Times since the load that a rule ran out of time on a line and was skipped for it.</param>
public sealed record VocabularyStatus(
    string Path,
    bool Loaded,
    DateTimeOffset? LoadedAt,
    int GlossaryEntries,
    int GlossaryTokens,
    int Rules,
    IReadOnlyList<string> Problems,
    long RuleTimeouts);
