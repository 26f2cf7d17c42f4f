using System.Text;

namespace LiveStt.ModelGenerator;

/// <summary>
/// The text tokens of a generated model: syllables that read like words, laid out so that whisper.cpp's
/// special-token ids and its lookups still hold.
/// </summary>
internal static class WordLikeVocabulary
{
    /// <summary>whisper_full looks up the single-space token and aborts if it is missing.</summary>
    public const int SpaceTokenId = 220;

    // In the byte-level BPE the first 94 ids are the printable ASCII bytes '!'..'~' in order.
    private const int PrintableAsciiTokenCount = 94;

    private static readonly string[] Onsets =
        ["", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "y", "z",
         "bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gr", "pl", "pr", "sh", "sl", "sp", "st", "th", "tr", "wh"];

    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ee", "oa", "ou", "io", "y"];

    private static readonly string[] Codas = ["", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ng", "ck", "rt", "sh"];

    /// <summary>The token strings for ids 0..<paramref name="textTokenCount"/>-1, as UTF-8 bytes; whisper.cpp appends the special tokens itself.</summary>
    /// <param name="textTokenCount">How many text tokens the model has.</param>
    /// <param name="tokenText">
    /// When given, every text token but the single space is this text, so whatever the model decodes reads as it
    /// repeated (" Thank you for watching." once per token); null gives the word-like syllables.
    /// </param>
    public static byte[][] Build(int textTokenCount, string? tokenText = null)
    {
        if (tokenText is not null)
        {
            var text = Encoding.UTF8.GetBytes(tokenText);
            var space = Encoding.ASCII.GetBytes(" ");
            return [.. Enumerable.Range(0, textTokenCount).Select(id => id == SpaceTokenId ? space : text)];
        }

        var syllables = new List<string>(Onsets.Length * Vowels.Length * Codas.Length);
        foreach (var onset in Onsets)
            foreach (var vowel in Vowels)
                foreach (var coda in Codas)
                    syllables.Add(onset + vowel + coda);

        var tokens = new byte[textTokenCount][];
        for (var id = 0; id < textTokenCount; id++)
        {
            tokens[id] = Encoding.ASCII.GetBytes(TokenText(id, syllables));
        }

        return tokens;
    }

    private static string TokenText(int id, List<string> syllables)
    {
        if (id < PrintableAsciiTokenCount) return ((char)('!' + id)).ToString();
        if (id == SpaceTokenId) return " ";

        // The remaining byte tokens would be control or non-ASCII bytes; a random model picks them as
        // often as any other, and lone bytes >= 0x80 are not valid UTF-8, so they become syllables too.
        // A multiplicative walk spreads neighbouring ids over the syllable list.
        var syllable = syllables[(int)((id * 7919L) % syllables.Count)];
        return (id % 8) switch
        {
            0 or 1 or 2 or 3 or 4 => " " + syllable,
            5 => " " + syllable + syllables[(int)((id * 104729L) % syllables.Count)],
            _ => syllable,
        };
    }
}
