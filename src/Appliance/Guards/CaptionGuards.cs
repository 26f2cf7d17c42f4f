using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Guards;

/// <summary>
/// Refuses text whisper wrote without hearing it: over silence, music or hum it writes sign-offs ("Thanks for
/// watching!") or loops one phrase. One per caption session; the checks run on its decode loop only, while
/// <see cref="Counts"/> may be read from any thread.
/// </summary>
internal sealed partial class CaptionGuards
{
    private readonly GuardOptions options;
    private readonly float noSpeechThreshold;
    private readonly float logProbThreshold;
    private readonly ILogger logger;
    private readonly HallucinationBlocklist blocklist;
    private readonly RecentLines recentLines;
    private readonly long[] counts = new long[Enum.GetValues<SuppressionReason>().Length];

    /// <param name="options">The validated <c>Guards</c> section.</param>
    /// <param name="noSpeechThreshold"><c>Whisper:NoSpeechThreshold</c>, so the guard and whisper's fallback agree on silence.</param>
    /// <param name="logProbThreshold"><c>Whisper:LogProbThreshold</c>, likewise.</param>
    /// <param name="language">
    /// <c>Whisper:Language</c>: picks the blocklist (<c>auto</c> uses every language's). When whisper translates,
    /// pass <c>en</c>: the text is English whatever was spoken.
    /// </param>
    /// <param name="logger">Takes one Debug entry per refusal, with its reason and text.</param>
    /// <param name="timeProvider">The clock for how long committed lines stay recent; the system clock when null.</param>
    public CaptionGuards(GuardOptions options, float noSpeechThreshold, float logProbThreshold, string language, ILogger logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(language);
        ArgumentNullException.ThrowIfNull(logger);
        this.options = options;
        this.noSpeechThreshold = noSpeechThreshold;
        this.logProbThreshold = logProbThreshold;
        this.logger = logger;
        blocklist = new HallucinationBlocklist(language, options.Blocklist);
        recentLines = new RecentLines(options.RecentLines, TimeSpan.FromSeconds(options.RecentLineSeconds), timeProvider ?? TimeProvider.System);
    }

    /// <summary>How much text was refused so far, per reason: a consistent-enough snapshot for the status page.</summary>
    public SuppressedCounts Counts => new(
        Interlocked.Read(ref counts[(int)SuppressionReason.NoSpeech]),
        Interlocked.Read(ref counts[(int)SuppressionReason.Repetition]),
        Interlocked.Read(ref counts[(int)SuppressionReason.Blocklist]),
        Interlocked.Read(ref counts[(int)SuppressionReason.Compression]),
        Interlocked.Read(ref counts[(int)SuppressionReason.Silence]));

    /// <summary>
    /// Checks one decoded segment: no speech, then the blocklist, repetition inside it and compression. The most
    /// specific reason wins where several apply: a looping sign-off counts as blocklist, a looping word as
    /// repetition, and compression catches the longer loops the phrase rule does not look for.
    /// </summary>
    /// <returns>Why the segment is refused (counted and logged), or null to keep it.</returns>
    public SuppressionReason? CheckSegment(TranscribedSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        SuppressionReason? reason =
            options.NoSpeechEnabled
            && segment.NoSpeechProbability > noSpeechThreshold
            && segment.AverageLogProbability < logProbThreshold
                ? SuppressionReason.NoSpeech
                : CheckText(segment.Text, GuardText.Words(segment.Text));
        return Refuse(reason, segment.Text);
    }

    /// <summary>
    /// Checks a line about to be committed: the blocklist, repetition inside it, compression, then whether it repeats
    /// a recently committed line. A line that passes is remembered as committed.
    /// </summary>
    /// <returns>Why the line is refused (counted and logged), or null to commit it.</returns>
    public SuppressionReason? CheckLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = GuardText.Words(line);
        var reason = CheckText(line, words);
        if (reason is null && options.RepetitionEnabled && words.Count >= options.RepeatedLineMinWords && recentLines.Repeats(words))
        {
            reason = SuppressionReason.Repetition;
        }

        if (reason is null && words.Count > 0)
        {
            recentLines.Add(words);
        }

        return Refuse(reason, line);
    }

    /// <summary>Counts and logs text the pipeline dropped because its audio was silence.</summary>
    public void RecordSilence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Refuse(SuppressionReason.Silence, text);
    }

    private SuppressionReason? CheckText(string text, List<string> words)
    {
        if (options.BlocklistEnabled && blocklist.Blocks(text))
        {
            return SuppressionReason.Blocklist;
        }

        if (options.RepetitionEnabled && RepeatedPhrases.Exceed(words, options.MaxWordRepeats, options.MaxPhraseRepeats))
        {
            return SuppressionReason.Repetition;
        }

        if (options.CompressionEnabled
            && System.Text.Encoding.UTF8.GetByteCount(text) >= options.CompressionMinBytes
            && CompressionRatio.Of(text) > options.CompressionRatioThreshold)
        {
            return SuppressionReason.Compression;
        }

        return null;
    }

    private SuppressionReason? Refuse(SuppressionReason? reason, string text)
    {
        if (reason is { } refused)
        {
            Interlocked.Increment(ref counts[(int)refused]);
            Log.Suppressed(logger, refused, text);
        }

        return reason;
    }

    private static partial class Log
    {
        [LoggerMessage(1640, LogLevel.Debug, "Suppressed {Reason} text: {Text}")]
        public static partial void Suppressed(ILogger logger, SuppressionReason reason, string text);
    }
}
