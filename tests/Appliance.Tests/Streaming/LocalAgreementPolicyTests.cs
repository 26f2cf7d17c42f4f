using LiveStt.Appliance.Streaming;

namespace LiveStt.Appliance.Tests.Streaming;

public sealed class LocalAgreementPolicyTests
{
    [Fact]
    public void A_first_hypothesis_commits_nothing_and_is_all_tentative()
    {
        var policy = new LocalAgreementPolicy();

        policy.Update(Words(0, "the cat sat")).ShouldBeEmpty();

        Texts(policy.Tentative).ShouldBe("the cat sat");
        policy.CommittedEndMs.ShouldBe(0);
    }

    [Fact]
    public void Only_the_prefix_two_consecutive_hypotheses_share_is_committed()
    {
        var policy = new LocalAgreementPolicy();
        policy.Update(Words(0, "the cat sat on"));

        var committed = policy.Update(Words(0, "the cat sang on the mat"));

        Texts(committed).ShouldBe("the cat");
        Texts(policy.Tentative).ShouldBe("sang on the mat");
        policy.CommittedEndMs.ShouldBe(Words(0, "the cat")[^1].EndMs);
    }

    [Fact]
    public void Agreement_ignores_case_and_punctuation()
    {
        var policy = new LocalAgreementPolicy();
        policy.Update(Words(0, "Hello, world"));

        Texts(policy.Update(Words(0, "hello world."))).ShouldBe("hello world.");
    }

    [Fact]
    public void Committed_words_are_not_committed_again_or_changed_by_later_hypotheses()
    {
        var policy = new LocalAgreementPolicy();
        policy.Update(Words(0, "one two three four"));
        Texts(policy.Update(Words(0, "one two three five"))).ShouldBe("one two three");

        // Whisper now hears the start differently ("won two tree"); that audio is committed, so only
        // what follows it counts, and it agrees with the tentative "five".
        var committed = policy.Update(Words(0, "won two tree five six"));

        Texts(committed).ShouldBe("five");
        Texts(policy.Tentative).ShouldBe("six");
    }

    [Fact]
    public void Committed_words_heard_again_at_the_start_of_a_later_window_are_dropped()
    {
        var policy = new LocalAgreementPolicy();
        policy.Update(Words(0, "good morning everyone"));
        policy.Update(Words(0, "good morning everyone"));
        var end = policy.CommittedEndMs;

        // The window was cut just before "everyone", so whisper stamps it slightly after the committed end.
        var repeat = new List<TimedWord> { new("morning", end - 100, end + 100), new("everyone", end + 100, end + 300), new("welcome", end + 400, end + 700) };

        policy.Update(repeat).ShouldBeEmpty();
        Texts(policy.Tentative).ShouldBe("welcome");
    }

    [Fact]
    public void Committed_text_only_ever_grows_whatever_the_hypotheses_say()
    {
        var random = new Random(42);
        var vocabulary = new[] { "a", "b", "c", "d" };
        var policy = new LocalAgreementPolicy();
        var log = new List<TimedWord>();
        for (var step = 0; step < 500; step++)
        {
            // Random hypotheses over a sliding window, so some prefixes agree and others do not.
            var windowStart = step * 100;
            var hypothesis = Enumerable.Range(0, random.Next(0, 8))
                .Select(i => new TimedWord(vocabulary[random.Next(vocabulary.Length)], windowStart + (i * 300), windowStart + (i * 300) + 250))
                .ToList();
            var committed = random.Next(10) == 0
                ? policy.CommitTentativeBefore(windowStart + 600)
                : policy.Update(hypothesis);

            foreach (var word in committed)
            {
                if (log.Count > 0)
                {
                    word.StartMs.ShouldBeGreaterThanOrEqualTo(log[^1].StartMs - 200, "committed words run forward in time");
                }

                log.Add(word);
            }

            policy.CommittedEndMs.ShouldBe(log.Count == 0 ? 0 : log.Max(w => w.EndMs));
        }

        log.Count.ShouldBeGreaterThan(50);
    }

    [Fact]
    public void A_pause_commits_the_tentative_words_before_it_and_keeps_the_rest()
    {
        var policy = new LocalAgreementPolicy();
        policy.Update(Words(0, "first utterance next"));
        var next = policy.Tentative[2];

        Texts(policy.CommitTentativeBefore(next.StartMs)).ShouldBe("first utterance");

        Texts(policy.Tentative).ShouldBe("next");
    }

    [Fact]
    public void Discarded_tentative_words_are_forgotten()
    {
        var policy = new LocalAgreementPolicy();
        policy.Update(Words(0, "thank you"));

        policy.DiscardTentative();

        policy.Tentative.ShouldBeEmpty();
        policy.CommitTentativeBefore(long.MaxValue).ShouldBeEmpty();
    }

    [Fact]
    public void The_prompt_is_the_committed_text_before_the_window_within_its_length()
    {
        var policy = new LocalAgreementPolicy();
        var words = Words(0, "alpha beta gamma delta");
        policy.Update(words);
        policy.Update(words);

        policy.PromptBefore(words[2].EndMs, maxChars: 100).ShouldBe("alpha beta gamma");
        policy.PromptBefore(words[2].EndMs, maxChars: 12).ShouldBe("beta gamma");
        policy.PromptBefore(0, maxChars: 100).ShouldBe("");
    }

    /// <summary>Words 300 ms apart, starting at <paramref name="startMs"/>.</summary>
    private static List<TimedWord> Words(long startMs, string text) =>
        text.Split(' ').Select((word, i) => new TimedWord(word, startMs + (i * 300), startMs + (i * 300) + 250)).ToList();

    private static string Texts(IEnumerable<TimedWord> words) => string.Join(' ', words.Select(w => w.Text));
}
