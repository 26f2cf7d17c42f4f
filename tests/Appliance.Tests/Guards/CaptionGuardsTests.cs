using LiveStt.Appliance.Guards;
using LiveStt.Appliance.Tests.Streaming;
using Microsoft.Extensions.Logging;

namespace LiveStt.Appliance.Tests.Guards;

public sealed class CaptionGuardsTests
{
    // Whisper:NoSpeechThreshold and Whisper:LogProbThreshold at their defaults.
    private const float NoSpeechThreshold = 0.6f;
    private const float LogProbThreshold = -1f;

    private const string LongLoop = "We will now take a short break and then come back to the agenda. We will now take a short break and then come back to the agenda. We will now take a short break and then come back to the agenda.";

    private readonly ListLogger _logger = new();

    [Fact]
    public void A_likely_silent_segment_decoded_without_confidence_is_refused_as_no_speech()
    {
        var guards = Guards();

        guards.CheckSegment(Segments.Of("Okay.", noSpeechProbability: 0.8f, averageLogProbability: -1.5)).ShouldBe(SuppressionReason.NoSpeech);

        guards.Counts.ShouldBe(new SuppressedCounts(NoSpeech: 1, Repetition: 0, Blocklist: 0, Compression: 0, Silence: 0));
        _logger.Entries.ShouldHaveSingleItem().ShouldBe((LogLevel.Debug, new EventId(1640, "Suppressed"), "Suppressed NoSpeech text: Okay."));
    }

    [Theory]
    [InlineData(0.8f, -0.5)]
    [InlineData(0.6f, -1.5)]
    [InlineData(0.3f, -2.0)]
    [InlineData(0.8f, -1.0)]
    public void A_confident_decode_or_a_likely_spoken_segment_passes_the_no_speech_rule(float noSpeechProbability, double averageLogProbability)
    {
        var guards = Guards();

        guards.CheckSegment(Segments.Of("Okay.", noSpeechProbability, averageLogProbability)).ShouldBeNull();

        guards.Counts.ShouldBe(SuppressedCounts.None);
        _logger.Entries.ShouldBeEmpty();
    }

    [Fact]
    public void The_no_speech_rule_uses_the_thresholds_it_is_given()
    {
        var guards = new CaptionGuards(new GuardOptions(), noSpeechThreshold: 0.9f, logProbThreshold: -0.5f, "en", _logger);

        guards.CheckSegment(Segments.Of("Okay.", 0.8f, -1.5)).ShouldBeNull();
        guards.CheckSegment(Segments.Of("Okay.", 0.95f, -0.7)).ShouldBe(SuppressionReason.NoSpeech);
    }

    [Fact]
    public void A_segment_of_known_hallucinations_is_refused_as_blocklist()
    {
        var guards = Guards();

        guards.CheckSegment(Segments.Of(" Thank you for watching.")).ShouldBe(SuppressionReason.Blocklist);

        guards.Counts.ShouldBe(new SuppressedCounts(0, 0, 1, 0, 0));
        _logger.Messages(LogLevel.Debug).ShouldBe(["Suppressed Blocklist text:  Thank you for watching."]);
    }

    [Fact]
    public void A_looping_sign_off_counts_as_blocklist_not_repetition()
    {
        var guards = Guards();

        guards.CheckSegment(Segments.Of("Thank you for watching. Thank you for watching. Thank you for watching. Thank you for watching.")).ShouldBe(SuppressionReason.Blocklist);
    }

    [Theory]
    [InlineData("the the the the")]
    [InlineData("Thank you, thank you, thank you.")]
    public void A_word_or_phrase_looping_inside_a_segment_is_refused_as_repetition(string text)
    {
        var guards = Guards();

        guards.CheckSegment(Segments.Of(text)).ShouldBe(SuppressionReason.Repetition);

        guards.Counts.ShouldBe(new SuppressedCounts(0, 1, 0, 0, 0));
    }

    [Fact]
    public void A_long_loop_the_phrase_rule_does_not_see_is_refused_as_compression()
    {
        var guards = Guards();
        CompressionRatio.Of(LongLoop).ShouldBe(2.7714, tolerance: 0.0001);

        guards.CheckSegment(Segments.Of(LongLoop)).ShouldBe(SuppressionReason.Compression);

        guards.Counts.ShouldBe(new SuppressedCounts(0, 0, 0, 1, 0));
    }

    [Fact]
    public void Compression_alone_refuses_looping_text_but_not_short_lines_or_speech()
    {
        var guards = new CaptionGuards(new GuardOptions { RepetitionEnabled = false, BlocklistEnabled = false }, NoSpeechThreshold, LogProbThreshold, "en", _logger);

        guards.CheckSegment(Segments.Of("Thank you. Thank you. Thank you. Thank you. Thank you. Thank you. Thank you. Thank you.")).ShouldBe(SuppressionReason.Compression);
        guards.CheckSegment(Segments.Of("No, no, no, no, no, no, no, no, no, no.")).ShouldBeNull();
        guards.CheckSegment(Segments.Of("Good evening everyone, and welcome to the annual general meeting of the rowing club; tonight we have three items on the agenda, the accounts, the election of the committee and the new boathouse.")).ShouldBeNull();
        guards.CheckSegment(Segments.Of("So the plan for next week is that we meet on Tuesday at ten and go through the budget together.")).ShouldBeNull();

        guards.Counts.ShouldBe(new SuppressedCounts(0, 0, 0, 1, 0));
    }

    [Theory]
    [InlineData("No, no, I said Tuesday.")]
    [InlineData("Amen. Amen.")]
    [InlineData("Thank you.")]
    [InlineData("That's all from us, thank you for watching.")]
    [InlineData("")]
    public void Ordinary_speech_passes_every_guard(string text)
    {
        var guards = Guards();

        guards.CheckSegment(Segments.Of(text)).ShouldBeNull();
        guards.CheckLine(text).ShouldBeNull();

        guards.Counts.ShouldBe(SuppressedCounts.None);
        _logger.Entries.ShouldBeEmpty();
    }

    [Fact]
    public void Disabled_guards_refuse_nothing()
    {
        var options = new GuardOptions { NoSpeechEnabled = false, CompressionEnabled = false, RepetitionEnabled = false, BlocklistEnabled = false };
        var guards = new CaptionGuards(options, NoSpeechThreshold, LogProbThreshold, "en", _logger);

        guards.CheckSegment(Segments.Of("the the the the", 0.9f, -2)).ShouldBeNull();
        guards.CheckSegment(Segments.Of("Thanks for watching!")).ShouldBeNull();
        guards.CheckSegment(Segments.Of(LongLoop)).ShouldBeNull();
        guards.CheckLine("We meet on Tuesday.").ShouldBeNull();
        guards.CheckLine("We meet on Tuesday.").ShouldBeNull();

        guards.Counts.ShouldBe(SuppressedCounts.None);
    }

    [Fact]
    public void Silence_is_counted_and_logged_as_it_is_recorded()
    {
        var guards = Guards();

        guards.RecordSilence(" you");
        guards.RecordSilence(" Thank you.");

        guards.Counts.ShouldBe(new SuppressedCounts(0, 0, 0, 0, 2));
        _logger.Messages(LogLevel.Debug).ShouldBe(["Suppressed Silence text:  you", "Suppressed Silence text:  Thank you."]);
    }

    [Fact]
    public void Counts_add_up_per_reason()
    {
        var guards = Guards();

        guards.CheckSegment(Segments.Of("Hm.", 0.9f, -2));
        guards.CheckSegment(Segments.Of("[Music]"));
        guards.CheckLine("♪");
        guards.CheckLine("the the the the");
        guards.CheckSegment(Segments.Of(LongLoop));
        guards.RecordSilence("Bye.");
        guards.CheckLine("We meet on Tuesday.");

        guards.Counts.ShouldBe(new SuppressedCounts(NoSpeech: 1, Repetition: 1, Blocklist: 2, Compression: 1, Silence: 1));
        _logger.Entries.Count.ShouldBe(6);
    }

    [Fact]
    public async Task Counts_can_be_read_while_the_decode_loop_refuses_text()
    {
        var guards = Guards();
        using var done = new ManualResetEventSlim();
        var reader = Task.Run(() =>
        {
            var last = SuppressedCounts.None;
            while (!done.IsSet)
            {
                var now = guards.Counts;
                now.Blocklist.ShouldBeGreaterThanOrEqualTo(last.Blocklist);
                last = now;
            }
        }, TestContext.Current.CancellationToken);

        for (var i = 0; i < 2000; i++)
        {
            guards.CheckSegment(Segments.Of("[BLANK_AUDIO]"));
        }

        done.Set();
        await reader;
        guards.Counts.Blocklist.ShouldBe(2000);
    }

    [Fact]
    public void A_blank_language_is_refused()
    {
        Should.Throw<ArgumentException>(() => new CaptionGuards(new GuardOptions(), NoSpeechThreshold, LogProbThreshold, " ", _logger));
    }

    private CaptionGuards Guards() => new(new GuardOptions(), NoSpeechThreshold, LogProbThreshold, "en", _logger);
}
