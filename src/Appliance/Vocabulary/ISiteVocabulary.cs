namespace LiveStt.Appliance.Vocabulary;

/// <summary>
/// The site's own words, from the vocabulary file: glossary entries that steer whisper towards names it
/// would otherwise misspell, and replacements that put right what it still gets wrong. The file is read
/// again when it changes; every member answers from the set loaded at that moment.
/// </summary>
public interface ISiteVocabulary
{
    /// <summary>
    /// The glossary entries joined for whisper's prompt (", " between them), cut to the
    /// <see cref="VocabularyOptions.GlossaryMaxTokens"/> budget; empty when there are none.
    /// </summary>
    string GlossaryPrompt { get; }

    /// <summary>
    /// Applies the replacement rules in file order to a line of committed text. Never throws: a rule that
    /// runs out of time on this line is skipped for it (and logged), and the other rules still apply.
    /// </summary>
    string Apply(string committedText);

    /// <summary>What is loaded and what was wrong with the file, for <c>/api/status</c>.</summary>
    VocabularyStatus Status { get; }
}
