namespace LiveStt.Appliance.Vocabulary;

/// <summary>
/// One reading of the vocabulary file, compiled and never changed afterwards, so a reload can swap it in
/// whole while captions are being corrected with the one before.
/// </summary>
internal sealed class CompiledVocabulary
{
    /// <summary>The separator between glossary entries in whisper's prompt; its comma counts as one token.</summary>
    public const string GlossarySeparator = ", ";

    public CompiledVocabulary(
        IReadOnlyList<string> glossary,
        int glossaryTokens,
        IReadOnlyList<ReplacementRule> rules,
        IReadOnlyList<string> problems,
        DateTimeOffset? loadedAt)
    {
        Glossary = glossary;
        GlossaryPrompt = string.Join(GlossarySeparator, glossary);
        GlossaryTokens = glossaryTokens;
        Rules = rules;
        Problems = problems;
        LoadedAt = loadedAt;
    }

    /// <summary>No glossary and no rules: no file, or the vocabulary turned off.</summary>
    public static CompiledVocabulary Empty { get; } = new([], 0, [], [], loadedAt: null);

    public IReadOnlyList<string> Glossary { get; }

    public string GlossaryPrompt { get; }

    public int GlossaryTokens { get; }

    public IReadOnlyList<ReplacementRule> Rules { get; }

    /// <summary>What was wrong with the file as last read, each with its position.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>When this was read from the file; null when it was not (<see cref="Empty"/>).</summary>
    public DateTimeOffset? LoadedAt { get; }

    /// <summary>The same vocabulary, reported with the problems of a later reading that could not be used.</summary>
    public CompiledVocabulary WithProblems(IReadOnlyList<string> problems) =>
        new(Glossary, GlossaryTokens, Rules, problems, LoadedAt);
}
