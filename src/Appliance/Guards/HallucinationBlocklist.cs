namespace LiveStt.Appliance.Guards;

/// <summary>
/// Refuses text made only of known hallucinated phrases, possibly repeated ("Thanks for watching! Thanks for
/// watching!"). A phrase inside a longer sentence is left alone: a speaker may really say it, and refusing the
/// line would drop the words around it, which whisper did hear.
/// </summary>
internal sealed class HallucinationBlocklist
{
    private readonly List<string[]> phrases;

    /// <param name="language">A whisper language code; <c>auto</c> uses every language's list, and a language without a list only the marks and site phrases.</param>
    /// <param name="sitePhrases">The site's own phrases, refused whatever the language.</param>
    public HallucinationBlocklist(string language, IEnumerable<string> sitePhrases)
    {
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(sitePhrases);
        var texts = new List<string>(KnownHallucinations.AnyLanguage);
        if (string.Equals(language, "auto", StringComparison.OrdinalIgnoreCase))
        {
            texts.AddRange(KnownHallucinations.ByLanguage.Values.SelectMany(list => list));
        }
        else if (KnownHallucinations.ByLanguage.TryGetValue(language, out var list))
        {
            texts.AddRange(list);
        }

        texts.AddRange(sitePhrases);
        phrases = [.. texts.Select(text => GuardText.Words(text, keepMarks: true).ToArray()).Where(words => words.Length > 0)];
    }

    /// <summary>Whether <paramref name="text"/> has words and they all belong to blocked phrases laid end to end.</summary>
    public bool Blocks(string text)
    {
        var words = GuardText.Words(text, keepMarks: true);
        if (words.Count == 0)
        {
            return false;
        }

        // covered[i]: the first i words split into whole blocked phrases.
        var covered = new bool[words.Count + 1];
        covered[0] = true;
        for (var end = 1; end <= words.Count; end++)
        {
            foreach (var phrase in phrases)
            {
                var start = end - phrase.Length;
                if (start >= 0 && covered[start] && Matches(words, start, phrase))
                {
                    covered[end] = true;
                    break;
                }
            }
        }

        return covered[words.Count];
    }

    private static bool Matches(List<string> words, int start, string[] phrase)
    {
        for (var i = 0; i < phrase.Length; i++)
        {
            if (!string.Equals(words[start + i], phrase[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
