using System.Globalization;
using System.Text;

namespace LiveStt.Appliance.Guards;

/// <summary>
/// Splits caption text into the lower-case words the guards compare, so that case, punctuation and spacing never
/// make two texts differ ("Thanks for watching!" is "thanks for watching").
/// </summary>
internal static class GuardText
{
    /// <summary>
    /// The words of <paramref name="text"/>: runs of letters, digits and combining marks, lower-cased, with
    /// apostrophes inside a word dropped ("don't" is "dont", "d'Amara" is "damara"). With
    /// <paramref name="keepMarks"/>, brackets and music notes are words of their own, so whisper's "[Music]" stays
    /// apart from a spoken "Music."; every other character only separates words.
    /// </summary>
    public static List<string> Words(string text, bool keepMarks = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsWordCharacter(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (IsApostrophe(c) && word.Length > 0 && i + 1 < text.Length && IsWordCharacter(text[i + 1]))
            {
                continue;
            }
            else
            {
                Flush(words, word);
                if (keepMarks && IsMark(c))
                {
                    words.Add(c.ToString());
                }
            }
        }

        Flush(words, word);
        return words;
    }

    private static void Flush(List<string> words, StringBuilder word)
    {
        if (word.Length > 0)
        {
            words.Add(word.ToString());
            word.Clear();
        }
    }

    private static bool IsWordCharacter(char c) =>
        char.IsLetterOrDigit(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static bool IsMark(char c) => c is '[' or ']' or '(' or ')' or '♪' or '♫' or '♬' or '*';
}
