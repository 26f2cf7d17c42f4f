using System.Text;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// LocalAgreement-2: a word is committed once two consecutive decodes agree on it, i.e. it lies in the
/// longest common prefix of their (not yet committed) words. What follows the prefix stays tentative.
/// </summary>
/// <remarks>
/// Pure logic on words with audio times; it does no I/O and knows nothing of whisper. Committed words are
/// only ever appended, never revised: a later hypothesis that disagrees with them is cut to the part after
/// them. Pauses, the window bound and the end of the audio commit tentative words through
/// <see cref="CommitTentativeBefore"/>.
/// </remarks>
internal sealed class LocalAgreementPolicy
{
    /// <summary>Words starting this close before the committed end are taken as the committed words heard again.</summary>
    private const long OverlapToleranceMs = 200;

    /// <summary>Longest run of committed words looked for again at the start of a new hypothesis.</summary>
    private const int MaxRepeatedWords = 5;

    /// <summary>How many committed words are kept for repeat detection and prompts.</summary>
    private const int CommittedTailWords = 64;

    private readonly List<TimedWord> committedTail = [];
    private List<TimedWord> tentative = [];

    /// <summary>End of the last committed word on the audio clock; 0 before anything is committed.</summary>
    public long CommittedEndMs { get; private set; }

    /// <summary>The words after the committed ones that the latest hypothesis proposed.</summary>
    public IReadOnlyList<TimedWord> Tentative => tentative;

    /// <summary>Takes the words of a new decode; returns the ones newly agreed, hence committed.</summary>
    public IReadOnlyList<TimedWord> Update(IReadOnlyList<TimedWord> hypothesis)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        var fresh = WithoutCommitted(hypothesis);
        var agreed = 0;
        while (agreed < fresh.Count && agreed < tentative.Count && SameWord(fresh[agreed], tentative[agreed]))
        {
            agreed++;
        }

        var newlyCommitted = fresh.GetRange(0, agreed);
        Commit(newlyCommitted);
        tentative = fresh.GetRange(agreed, fresh.Count - agreed);
        return newlyCommitted;
    }

    /// <summary>
    /// Commits the tentative words that start before <paramref name="untilMs"/>: at a pause, where the
    /// window is cut, or at the end of the audio (pass <see cref="long.MaxValue"/>), when no second decode
    /// will come to confirm them.
    /// </summary>
    public IReadOnlyList<TimedWord> CommitTentativeBefore(long untilMs)
    {
        var count = 0;
        while (count < tentative.Count && tentative[count].StartMs < untilMs)
        {
            count++;
        }

        var newlyCommitted = tentative.GetRange(0, count);
        Commit(newlyCommitted);
        tentative = tentative.GetRange(count, tentative.Count - count);
        return newlyCommitted;
    }

    /// <summary>Forgets the tentative words, e.g. when the audio under them turned out to be silence.</summary>
    public void DiscardTentative() => tentative = [];

    /// <summary>
    /// The end of the recently committed text, for whisper's prompt: only words that end by
    /// <paramref name="beforeMs"/> (the window's start), so whisper is not told what is in the audio it decodes.
    /// </summary>
    public string PromptBefore(long beforeMs, int maxChars)
    {
        var words = new List<string>();
        var length = 0;
        for (var i = committedTail.Count - 1; i >= 0; i--)
        {
            var word = committedTail[i];
            if (word.EndMs > beforeMs)
            {
                continue;
            }

            if (length + word.Text.Length + 1 > maxChars)
            {
                break;
            }

            words.Add(word.Text);
            length += word.Text.Length + 1;
        }

        words.Reverse();
        return string.Join(' ', words);
    }

    private List<TimedWord> WithoutCommitted(IReadOnlyList<TimedWord> hypothesis)
    {
        var fresh = new List<TimedWord>(hypothesis.Count);
        foreach (var word in hypothesis)
        {
            if (word.StartMs > CommittedEndMs - OverlapToleranceMs)
            {
                fresh.Add(word);
            }
        }

        // Whisper often repeats the last committed words at the start of a window that still holds their
        // audio tail; drop the longest such repeat so they are not committed twice.
        if (fresh.Count > 0 && committedTail.Count > 0 && fresh[0].StartMs < CommittedEndMs + 1000)
        {
            for (var n = Math.Min(MaxRepeatedWords, Math.Min(committedTail.Count, fresh.Count)); n > 0; n--)
            {
                var matches = true;
                for (var i = 0; i < n && matches; i++)
                {
                    matches = SameWord(committedTail[committedTail.Count - n + i], fresh[i]);
                }

                if (matches)
                {
                    fresh.RemoveRange(0, n);
                    break;
                }
            }
        }

        return fresh;
    }

    private void Commit(List<TimedWord> words)
    {
        foreach (var word in words)
        {
            committedTail.Add(word);
            CommittedEndMs = Math.Max(CommittedEndMs, word.EndMs);
        }

        if (committedTail.Count > CommittedTailWords)
        {
            committedTail.RemoveRange(0, committedTail.Count - CommittedTailWords);
        }
    }

    /// <summary>Words agree when they match ignoring case and punctuation ("Hello," and "hello").</summary>
    private static bool SameWord(TimedWord a, TimedWord b) =>
        string.Equals(Normalize(a.Text), Normalize(b.Text), StringComparison.Ordinal);

    private static string Normalize(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        // A word of punctuation alone still has to match itself.
        return builder.Length > 0 ? builder.ToString() : word;
    }
}
