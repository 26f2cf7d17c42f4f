using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Tests.Streaming;

public sealed class HypothesisWordsTests
{
    [Fact]
    public void Tokens_become_words_on_the_session_clock()
    {
        var segment = Segment(" Hello, world.", 0, 1_000,
            Token("[_BEG_]", 0, 0, special: true),
            Token(" Hello", 100, 400),
            Token(",", 400, 450),
            Token(" wor", 500, 700),
            Token("ld.", 700, 900),
            Token("[_TT_50]", 1_000, 1_000, special: true));

        var words = HypothesisWords.From(new TranscriptionResult([segment]), windowStartMs: 60_000, windowDurationMs: 5_000);

        words.ShouldBe([new TimedWord("Hello,", 60_100, 60_450), new TimedWord("world.", 60_500, 60_900)]);
    }

    [Fact]
    public void Times_past_the_window_are_held_inside_it()
    {
        // Random-weight models stamp times past the audio they were given.
        var segment = Segment(" one two", 0, 20_000, Token(" one", 1_000, 9_000), Token(" two", 12_000, 19_800));

        var words = HypothesisWords.From(new TranscriptionResult([segment]), windowStartMs: 5_000, windowDurationMs: 11_000);

        words.ShouldBe([new TimedWord("one", 6_000, 14_000), new TimedWord("two", 16_000, 16_000)]);
    }

    [Fact]
    public void Text_that_the_tokens_do_not_spell_is_split_and_timed_by_length()
    {
        // A character split across byte-level tokens decodes to replacement characters token by token.
        var segment = Segment(" café au lait", 0, 1_200, Token(" caf", 0, 300), Token("\uFFFD", 300, 400), Token(" au", 400, 600), Token(" lait", 600, 1_200));

        var words = HypothesisWords.From(new TranscriptionResult([segment]), windowStartMs: 0, windowDurationMs: 2_000);

        words.Select(w => w.Text).ShouldBe(["café", "au", "lait"]);
        words.Select(w => w.StartMs).ShouldBe([0, 480, 720]);
        words[^1].EndMs.ShouldBe(1_200);
    }

    [Fact]
    public void Non_speech_annotations_are_not_words()
    {
        var result = new TranscriptionResult([
            Segment(" [BLANK_AUDIO]", 0, 1_000, Token(" [BLANK_AUDIO]", 0, 1_000)),
            Segment(" (music)", 1_000, 2_000),
            Segment(" yes", 2_000, 2_400, Token(" yes", 2_000, 2_400)),
        ]);

        HypothesisWords.From(result, 0, 3_000).Select(w => w.Text).ShouldBe(["yes"]);
    }

    [Fact]
    public void Words_stay_in_order_when_token_times_jitter_backwards()
    {
        var segment = Segment(" a b c", 0, 1_000, Token(" a", 300, 400), Token(" b", 200, 350), Token(" c", 500, 600));

        var words = HypothesisWords.From(new TranscriptionResult([segment]), 0, 1_000);

        words.Select(w => w.StartMs).ShouldBe([300, 300, 500]);
        words.ShouldAllBe(w => w.EndMs >= w.StartMs);
    }

    private static TranscribedSegment Segment(string text, int startMs, int endMs, params TranscribedToken[] tokens) =>
        new(text, TimeSpan.FromMilliseconds(startMs), TimeSpan.FromMilliseconds(endMs), tokens);

    private static TranscribedToken Token(string text, int startMs, int endMs, bool special = false) =>
        new(text.GetHashCode(StringComparison.Ordinal), text, 0.9f, TimeSpan.FromMilliseconds(startMs), TimeSpan.FromMilliseconds(endMs), special);
}
