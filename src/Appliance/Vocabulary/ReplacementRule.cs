using System.Text.RegularExpressions;

namespace LiveStt.Appliance.Vocabulary;

/// <summary>One compiled replacement rule from the vocabulary file.</summary>
internal sealed class ReplacementRule
{
    private readonly Regex regex;
    private readonly string substitution;

    private ReplacementRule(string position, string description, Regex regex, string substitution)
    {
        Position = position;
        Description = description;
        this.regex = regex;
        this.substitution = substitution;
    }

    /// <summary>Where the rule is in the file, e.g. <c>replacements[2]</c>.</summary>
    public string Position { get; }

    /// <summary>The rule as written, for the log.</summary>
    public string Description { get; }

    /// <summary>
    /// A whole-word or whole-phrase rule. The words must stand alone (no letter, digit or underscore either
    /// side), any run of spaces between them matches, and the replacement is inserted as written.
    /// </summary>
    public static ReplacementRule Literal(string position, string find, string replace, bool matchCase, TimeSpan timeout)
    {
        var words = find.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape);
        // Lookarounds rather than \b, so a phrase that starts or ends with punctuation ("St." or "Dr.") still
        // has to stand alone.
        var pattern = @"(?<!\w)" + string.Join(@"\s+", words) + @"(?!\w)";
        // '$' would otherwise start a substitution in what the site wrote as plain text.
        var literal = replace.Replace("$", "$$", StringComparison.Ordinal);
        var description = $"find '{find}' -> '{replace}'{(matchCase ? " (match case)" : string.Empty)}";
        return new ReplacementRule(position, description, new Regex(pattern, Options(matchCase), timeout), literal);
    }

    /// <summary>A regular-expression rule; the replacement may use .NET substitutions ($1, ${name}).</summary>
    /// <exception cref="ArgumentException">The pattern is not a valid .NET regular expression.</exception>
    public static ReplacementRule Pattern(string position, string pattern, string replace, bool matchCase, TimeSpan timeout)
    {
        var description = $"pattern '{pattern}' -> '{replace}'{(matchCase ? " (match case)" : string.Empty)}";
        return new ReplacementRule(position, description, new Regex(pattern, Options(matchCase), timeout), replace);
    }

    /// <summary>
    /// Runs the rule over <paramref name="probe"/> once, and says whether it matched empty text anywhere, which
    /// would insert its replacement between characters rather than replace anything.
    /// </summary>
    /// <exception cref="RegexMatchTimeoutException">The rule ran out of time on the probe.</exception>
    public bool MatchesEmptyTextIn(string probe)
    {
        if (regex.IsMatch(string.Empty))
        {
            return true;
        }

        for (var match = regex.Match(probe); match.Success; match = match.NextMatch())
        {
            if (match.Length == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <exception cref="RegexMatchTimeoutException">The rule ran out of time on this text.</exception>
    public string Apply(string text) => regex.Replace(text, substitution);

    private static RegexOptions Options(bool matchCase) =>
        RegexOptions.CultureInvariant | (matchCase ? RegexOptions.None : RegexOptions.IgnoreCase);
}
