namespace LiveStt.Appliance.Vocabulary;

/// <summary>Where the site's vocabulary file is and how it is used. Bound from the "Vocabulary" section.</summary>
public sealed class VocabularyOptions
{
    public const string SectionName = "Vocabulary";

    /// <summary>
    /// Whisper keeps at most n_text_ctx/2 = 224 prompt tokens, and the pipeline also prompts with up to 200
    /// characters of recent captions; this leaves those at least 64 tokens.
    /// </summary>
    public const int GlossaryTokenLimit = 160;

    /// <summary>The vocabulary file (JSON) on the data volume; empty turns the vocabulary off. A missing file is an empty vocabulary.</summary>
    public string? Path { get; set; } = "/data/settings/vocabulary.json";

    /// <summary>
    /// Whisper prompt tokens (estimated, see <c>WhisperTokenEstimate</c>) the glossary may take, at most
    /// <see cref="GlossaryTokenLimit"/>; entries past the budget are left out, in file order. 0 leaves the glossary out.
    /// </summary>
    public int GlossaryMaxTokens { get; set; } = 64;

    /// <summary>
    /// How long (ms) one replacement rule may run on one line; a rule that runs out of time is refused at
    /// load, or skipped for that line, so a runaway pattern cannot stall the captions.
    /// </summary>
    public int RuleTimeoutMs { get; set; } = 50;

    /// <summary>How often (ms) the file is checked for changes.</summary>
    public int ReloadIntervalMs { get; set; } = 2000;
}
