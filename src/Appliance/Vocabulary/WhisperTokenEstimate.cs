using System.Text;
using System.Text.RegularExpressions;

namespace LiveStt.Appliance.Vocabulary;

/// <summary>
/// A conservative estimate of how many tokens whisper's tokenizer makes of a text, for budgeting the
/// glossary: whisper's own tokenizer lives inside a loaded model's context, which the vocabulary never has.
/// </summary>
/// <remarks>
/// The text is split as whisper.cpp splits it before looking words up (its GPT-2 pattern, ASCII letters and
/// digits only): contractions (<c>'s</c>, <c>'ll</c>, ...), a letter run, a digit run or a run of anything
/// else, each with an optional leading space, which the vocabulary holds joined to the word. Then:
/// a contraction counts 1; a letter or digit run counts one token per two characters, rounded up (common
/// words are one token, but names are what a glossary holds, and whisper splits those into pieces of two to
/// four letters); any other run counts one token per UTF-8 byte, the most a byte-level BPE can make of it;
/// whitespace not joined to a word counts one per character. Every piece is at least one token and every
/// token at least one byte, so the estimate always lies between those two true bounds.
/// </remarks>
internal static partial class WhisperTokenEstimate
{
    public static int Estimate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = 0;
        foreach (var match in Pieces().EnumerateMatches(text))
        {
            var piece = text.AsSpan(match.Index, match.Length);
            tokens += EstimatePiece(piece);
        }

        return tokens;
    }

    private static int EstimatePiece(ReadOnlySpan<char> piece)
    {
        if (piece[0] == '\'' && piece.Length > 1 && char.IsAsciiLetter(piece[1]))
        {
            return 1;
        }

        var body = piece.Length > 1 && piece[0] == ' ' ? piece[1..] : piece;
        if (char.IsWhiteSpace(body[0]))
        {
            return body.Length;
        }

        if (char.IsAsciiLetter(body[0]) || char.IsAsciiDigit(body[0]))
        {
            return (body.Length + 1) / 2;
        }

        return Encoding.UTF8.GetByteCount(body);
    }

    // whisper.cpp's pre-tokenizer pattern, written for .NET.
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Pieces();
}
