namespace LiveStt.Appliance.Guards;

/// <summary>Finds a word or a short phrase that occurs more times in a row than allowed.</summary>
internal static class RepeatedPhrases
{
    /// <summary>
    /// The longest phrase looked for. whisper mostly loops a few words, but also a short sentence ("I'm going to go
    /// ahead and do that." three times compresses only 2.26 times, under the compression threshold); nobody says
    /// an eight-word phrase three times in a row, so the longer phrases cost no genuine lines.
    /// </summary>
    public const int MaxPhraseWords = 8;

    /// <summary>
    /// Whether <paramref name="words"/> holds one word more than <paramref name="maxWordRepeats"/> times in a row,
    /// or a phrase of two to <see cref="MaxPhraseWords"/> words more than <paramref name="maxPhraseRepeats"/> times
    /// in a row.
    /// </summary>
    public static bool Exceed(IReadOnlyList<string> words, int maxWordRepeats, int maxPhraseRepeats)
    {
        ArgumentNullException.ThrowIfNull(words);
        for (var length = 1; length <= MaxPhraseWords; length++)
        {
            var allowed = length == 1 ? maxWordRepeats : maxPhraseRepeats;
            for (var start = 0; start + ((allowed + 1) * length) <= words.Count; start++)
            {
                // "no no" repeated is "no" repeated: judged by the word limit, not the phrase limit.
                if (!IsRepeatOfShorter(words, start, length) && RepeatsAt(words, start, length) > allowed)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int RepeatsAt(IReadOnlyList<string> words, int start, int length)
    {
        var repeats = 1;
        for (var next = start + length; next + length <= words.Count && SamePhrase(words, start, next, length); next += length)
        {
            repeats++;
        }

        return repeats;
    }

    private static bool IsRepeatOfShorter(IReadOnlyList<string> words, int start, int length)
    {
        for (var period = 1; period < length; period++)
        {
            if (length % period == 0 && SamePhrase(words, start, start + period, length - period))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SamePhrase(IReadOnlyList<string> words, int first, int second, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (!string.Equals(words[first + i], words[second + i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
