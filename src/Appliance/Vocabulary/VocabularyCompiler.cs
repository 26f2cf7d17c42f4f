using System.Text.Json;
using System.Text.RegularExpressions;

namespace LiveStt.Appliance.Vocabulary;

/// <summary>
/// Reads the vocabulary file's JSON and compiles what is usable in it. Each entry or rule that is wrong is
/// reported with its position and left out; the rest still applies.
/// </summary>
internal static class VocabularyCompiler
{
    /// <summary>
    /// A line every rule runs over once at load: runs of one letter and of short words, each ending where a
    /// pattern anchored with $ cannot match (that is what sends nested quantifiers such as (a+)+$ or
    /// ^(\w+\s?)+$ into catastrophic backtracking; the run comes first for patterns anchored with ^),
    /// then caption-like text.
    /// </summary>
    internal static readonly string Probe =
        new string('a', 40) + "! " + string.Concat(Enumerable.Repeat("and so ", 20)) + "? " +
        "In the beginning was the Word, and the Word was with God. St. John's gospel, chapter 1:1-14 (NIV) - \"Amen!\"";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] RuleProperties = ["find", "pattern", "replace", "matchCase"];

    /// <summary>
    /// Compiles <paramref name="json"/>. The vocabulary is null when nothing in the file can be used (not
    /// JSON, or not a JSON object); the problems say why.
    /// </summary>
    public static (CompiledVocabulary? Vocabulary, IReadOnlyList<string> Problems) Compile(
        string json, VocabularyOptions options, DateTimeOffset loadedAt)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            problems.Add($"the file is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); nothing in it was used.");
            return (null, problems);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"the file must hold a JSON object with 'glossary' and 'replacements'; it holds {Describe(root.ValueKind)}. Nothing in it was used.");
                return (null, problems);
            }

            var glossary = new List<(string, string)>();
            var rules = new List<ReplacementRule>();
            foreach (var property in root.EnumerateObject())
            {
                if (property.NameEquals("glossary"))
                {
                    ReadGlossary(property.Value, glossary, problems);
                }
                else if (property.NameEquals("replacements"))
                {
                    ReadRules(property.Value, TimeSpan.FromMilliseconds(options.RuleTimeoutMs), rules, problems);
                }
                else
                {
                    problems.Add($"{property.Name}: unknown property, ignored (the file has 'glossary' and 'replacements').");
                }
            }

            var (kept, tokens) = GlossaryPromptBuilder.Fit(glossary, options.GlossaryMaxTokens, problems);
            return (new CompiledVocabulary(kept, tokens, rules, problems, loadedAt), problems);
        }
    }

    private static void ReadGlossary(JsonElement glossary, List<(string, string)> entries, List<string> problems)
    {
        if (glossary.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"glossary: must be a list of strings; it is {Describe(glossary.ValueKind)}, ignored.");
            return;
        }

        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in glossary.EnumerateArray())
        {
            var position = $"glossary[{index++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                problems.Add($"{position}: must be a string; it is {Describe(item.ValueKind)}, left out.");
                continue;
            }

            // Whisper reads the prompt as text, so line breaks and runs of spaces only cost tokens.
            var entry = string.Join(' ', item.GetString()!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (entry.Length == 0)
            {
                problems.Add($"{position}: empty entry, left out.");
            }
            else if (!seen.TryAdd(entry, position))
            {
                problems.Add($"{position}: '{entry}' repeats {seen[entry]}, left out.");
            }
            else
            {
                entries.Add((position, entry));
            }
        }
    }

    private static void ReadRules(JsonElement replacements, TimeSpan timeout, List<ReplacementRule> rules, List<string> problems)
    {
        if (replacements.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"replacements: must be a list of rules; it is {Describe(replacements.ValueKind)}, ignored.");
            return;
        }

        var index = 0;
        foreach (var item in replacements.EnumerateArray())
        {
            var position = $"replacements[{index++}]";
            var rule = ReadRule(position, item, timeout, out var problem);
            if (rule is null)
            {
                problems.Add($"{position}: {problem} Rule refused.");
            }
            else
            {
                rules.Add(rule);
            }
        }
    }

    private static ReplacementRule? ReadRule(string position, JsonElement item, TimeSpan timeout, out string? problem)
    {
        problem = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            problem = $"must be an object like {{\"find\": \"...\", \"replace\": \"...\"}}; it is {Describe(item.ValueKind)}.";
            return null;
        }

        // A misspelt key (say "matchcase" or "replacement") would otherwise change what the rule does unseen.
        var unknown = item.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !RuleProperties.Contains(n, StringComparer.Ordinal));
        if (unknown is not null)
        {
            problem = $"unknown property '{unknown}' (a rule has {string.Join(", ", RuleProperties)}).";
            return null;
        }

        var find = OptionalString(item, "find", ref problem);
        var pattern = OptionalString(item, "pattern", ref problem);
        var replace = OptionalString(item, "replace", ref problem);
        var matchCase = false;
        if (item.TryGetProperty("matchCase", out var matchCaseValue))
        {
            if (matchCaseValue.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                matchCase = matchCaseValue.GetBoolean();
            }
            else
            {
                problem ??= $"'matchCase' must be true or false; it is {Describe(matchCaseValue.ValueKind)}.";
            }
        }

        problem ??= (find, pattern, replace) switch
        {
            (not null, not null, _) => "has both 'find' and 'pattern'; a rule is one or the other.",
            (null, null, _) => "needs 'find' (words) or 'pattern' (a regular expression).",
            (not null, _, _) when string.IsNullOrWhiteSpace(find) => "'find' is empty.",
            (_, not null, _) when pattern.Length == 0 => "'pattern' is empty.",
            (_, _, null) => "needs 'replace' (\"\" removes what it finds).",
            _ => null,
        };
        if (problem is not null)
        {
            return null;
        }

        ReplacementRule rule;
        try
        {
            rule = find is not null
                ? ReplacementRule.Literal(position, find.Trim(), replace!, matchCase, timeout)
                : ReplacementRule.Pattern(position, pattern!, replace!, matchCase, timeout);
        }
        catch (ArgumentException ex)
        {
            problem = $"'pattern' is not a valid .NET regular expression: {ex.Message}";
            return null;
        }

        bool matchesEmpty;
        try
        {
            matchesEmpty = ProbeTwice(rule);
        }
        catch (RegexMatchTimeoutException)
        {
            problem = $"took longer than {timeout.TotalMilliseconds:0} ms (Vocabulary:RuleTimeoutMs) on a test line; " +
                "the pattern backtracks catastrophically (look for nested quantifiers such as (a+)+).";
            return null;
        }

        if (matchesEmpty)
        {
            problem = "'pattern' can match empty text, which would insert its replacement between characters.";
            return null;
        }

        return rule;
    }

    /// <summary>
    /// The timeout is wall-clock time, so a thread descheduled while whisper has every core busy can run out
    /// of it on a harmless pattern; only a rule that runs out twice is taken for a runaway.
    /// </summary>
    private static bool ProbeTwice(ReplacementRule rule)
    {
        try
        {
            return rule.MatchesEmptyTextIn(Probe);
        }
        catch (RegexMatchTimeoutException)
        {
            return rule.MatchesEmptyTextIn(Probe);
        }
    }

    private static string? OptionalString(JsonElement item, string name, ref string? problem)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problem ??= $"'{name}' must be a string; it is {Describe(value.ValueKind)}.";
            return null;
        }

        return value.GetString();
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
