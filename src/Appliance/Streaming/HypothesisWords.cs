using System.Text;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Streaming;

/// <summary>Turns one decode of a window into words on the session's audio clock.</summary>
internal static class HypothesisWords
{
    /// <summary>
    /// Words of <paramref name="result"/>, in order, with times shifted by the window's start and held
    /// inside the window (whisper, random-weight models above all, can stamp times past the audio).
    /// </summary>
    /// <remarks>
    /// Words are built from tokens, a token that begins with a space starting a new word, so each word gets
    /// its own token times. Where the tokens do not spell the segment's text (a character split across
    /// byte-level tokens) the segment text is split on spaces instead and its time shared out by length.
    /// </remarks>
    public static List<TimedWord> From(TranscriptionResult result, long windowStartMs, long windowDurationMs)
    {
        ArgumentNullException.ThrowIfNull(result);
        var words = new List<TimedWord>();
        var windowEndMs = windowStartMs + windowDurationMs;
        foreach (var segment in result.Segments)
        {
            if (IsAnnotation(segment.Text))
            {
                continue;
            }

            var segmentWords = FromTokens(segment) ?? FromText(segment);
            foreach (var (text, start, end) in segmentWords)
            {
                var startMs = Math.Clamp(windowStartMs + (long)start.TotalMilliseconds, windowStartMs, windowEndMs);
                var endMs = Math.Clamp(windowStartMs + (long)end.TotalMilliseconds, startMs, windowEndMs);

                // Token times can jitter backwards; the words themselves are in order.
                if (words.Count > 0 && startMs < words[^1].StartMs)
                {
                    startMs = words[^1].StartMs;
                    endMs = Math.Max(endMs, startMs);
                }

                words.Add(new TimedWord(text, startMs, endMs));
            }
        }

        return words;
    }

    private static List<(string Text, TimeSpan Start, TimeSpan End)>? FromTokens(TranscribedSegment segment)
    {
        var spoken = segment.Tokens.Where(token => !token.IsSpecial && token.Text.Length > 0).ToList();
        if (spoken.Count == 0 || !string.Equals(string.Concat(spoken.Select(t => t.Text)).Trim(), segment.Text.Trim(), StringComparison.Ordinal))
        {
            return null;
        }

        var words = new List<(string, TimeSpan, TimeSpan)>();
        var current = new StringBuilder();
        TimeSpan start = default, end = default;
        foreach (var token in spoken)
        {
            if (char.IsWhiteSpace(token.Text[0]) && current.Length > 0)
            {
                words.Add((current.ToString(), start, end));
                current.Clear();
            }

            var text = current.Length == 0 ? token.Text.TrimStart() : token.Text;
            if (text.Length == 0)
            {
                continue;
            }

            if (current.Length == 0)
            {
                start = token.Start;
                end = token.End;
            }
            else if (token.End > end)
            {
                end = token.End;
            }

            current.Append(text);
        }

        if (current.Length > 0)
        {
            words.Add((current.ToString(), start, end));
        }

        return words;
    }

    private static List<(string Text, TimeSpan Start, TimeSpan End)> FromText(TranscribedSegment segment)
    {
        var parts = segment.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var words = new List<(string, TimeSpan, TimeSpan)>(parts.Length);
        var totalChars = parts.Sum(part => part.Length);
        var span = segment.End - segment.Start;
        var chars = 0;
        foreach (var part in parts)
        {
            var start = segment.Start + (span * ((double)chars / totalChars));
            chars += part.Length;
            var end = segment.Start + (span * ((double)chars / totalChars));
            words.Add((part, start, end));
        }

        return words;
    }

    /// <summary>Whisper's descriptions of non-speech, such as [BLANK_AUDIO] or (music), are not captions.</summary>
    private static bool IsAnnotation(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0
            || (trimmed[0] == '[' && trimmed[^1] == ']')
            || (trimmed[0] == '(' && trimmed[^1] == ')');
    }
}
