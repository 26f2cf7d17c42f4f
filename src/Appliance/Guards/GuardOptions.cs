namespace LiveStt.Appliance.Guards;

/// <summary>
/// Which decoded text the caption guards refuse as a hallucination: configuration section <c>Guards</c>. The
/// no-speech rule has no settings of its own; it uses <c>Whisper:NoSpeechThreshold</c> and
/// <c>Whisper:LogProbThreshold</c>, the values whisper itself decodes with.
/// </summary>
public sealed class GuardOptions
{
    public const string SectionName = "Guards";

    /// <summary>
    /// Refuse a segment whose no-speech probability is above <c>Whisper:NoSpeechThreshold</c> (0.6) while its
    /// average log-probability is below <c>Whisper:LogProbThreshold</c> (-1): OpenAI's and faster-whisper's rule,
    /// where a confident decode outweighs a high no-speech probability.
    /// </summary>
    public bool NoSpeechEnabled { get; set; } = true;

    /// <summary>Refuse text whose zlib compression ratio is above <see cref="CompressionRatioThreshold"/>.</summary>
    public bool CompressionEnabled { get; set; } = true;

    /// <summary>
    /// UTF-8 bytes over zlib-compressed bytes above which text counts as a loop; 2.4 is OpenAI whisper's
    /// compression_ratio_threshold. Speech sits near 1 to 1.5 at caption-line lengths.
    /// </summary>
    public double CompressionRatioThreshold { get; set; } = 2.4;

    /// <summary>
    /// Text shorter than this (UTF-8 bytes) is never judged by its compression ratio: zlib's fixed cost swamps
    /// short text, and a short line that does loop is the repetition rule's to catch, by name. 80 is about two
    /// caption lines; speech stays under 1.5 there ("No, no, no, ..." ten times, 39 bytes, would be 2.6).
    /// </summary>
    public int CompressionMinBytes { get; set; } = 80;

    /// <summary>Refuse words and phrases looping inside a text, and a line committed again soon after itself.</summary>
    public bool RepetitionEnabled { get; set; } = true;

    /// <summary>
    /// Most times one word may occur in a row. 3 lets "no, no, no" through and refuses "the the the the": people
    /// say a word three times for emphasis, and whisper's loops run longer.
    /// </summary>
    public int MaxWordRepeats { get; set; } = 3;

    /// <summary>
    /// Most times a phrase of two to eight words may occur in a row. 2 lets "thank you, thank you" through and
    /// refuses a third "thank you".
    /// </summary>
    public int MaxPhraseRepeats { get; set; } = 2;

    /// <summary>How many recently committed lines a new line is compared with; 0 turns the check off.</summary>
    public int RecentLines { get; set; } = 4;

    /// <summary>How long (seconds) a committed line stays recent; a refused repeat keeps it recent for as long again.</summary>
    public int RecentLineSeconds { get; set; } = 30;

    /// <summary>
    /// A line with fewer words than this is never refused for repeating a recent line: a one- or two-word answer
    /// ("Amen.", "Thank you.") is often really said twice, and whisper's repeated lines are usually whole sentences.
    /// </summary>
    public int RepeatedLineMinWords { get; set; } = 3;

    /// <summary>Refuse text that consists only of phrases whisper is known to write over silence and music.</summary>
    public bool BlocklistEnabled { get; set; } = true;

    /// <summary>
    /// The site's own phrases, refused in every language on top of the built-in lists; matched as the built-in ones
    /// are, ignoring case, punctuation and spacing.
    /// </summary>
    public IList<string> Blocklist { get; } = [];

    /// <summary>
    /// These options for the demo model, whose random weights loop and never reach whisper's confidence: the guards that
    /// judge the text's shape and confidence are off (they would refuse every line), the blocklist stays.
    /// </summary>
    internal GuardOptions ForRandomWeights()
    {
        var options = (GuardOptions)MemberwiseClone();
        options.NoSpeechEnabled = false;
        options.CompressionEnabled = false;
        options.RepetitionEnabled = false;
        return options;
    }
}
