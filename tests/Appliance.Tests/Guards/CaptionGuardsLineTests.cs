using LiveStt.Appliance.Guards;
using LiveStt.Appliance.Tests.Streaming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LiveStt.Appliance.Tests.Guards;

public sealed class CaptionGuardsLineTests
{
    private readonly ListLogger _logger = new();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_line_committed_again_soon_after_itself_is_refused_as_repetition()
    {
        var guards = Guards();

        guards.CheckLine("We meet on Tuesday at ten.").ShouldBeNull();
        _time.Advance(TimeSpan.FromSeconds(5));
        guards.CheckLine(" we meet on  TUESDAY at ten").ShouldBe(SuppressionReason.Repetition);

        guards.Counts.ShouldBe(new SuppressedCounts(0, 1, 0, 0, 0));
        _logger.Messages(LogLevel.Debug).ShouldBe(["Suppressed Repetition text:  we meet on  TUESDAY at ten"]);
    }

    [Fact]
    public void Short_answers_said_again_are_kept()
    {
        var guards = Guards();

        guards.CheckLine("Amen.").ShouldBeNull();
        guards.CheckLine("Amen.").ShouldBeNull();
        guards.CheckLine("Thank you.").ShouldBeNull();
        guards.CheckLine("Thank you.").ShouldBeNull();

        guards.Counts.ShouldBe(SuppressedCounts.None);
    }

    [Fact]
    public void A_line_is_recent_for_the_set_time()
    {
        var guards = Guards();

        guards.CheckLine("We meet on Tuesday.").ShouldBeNull();
        _time.Advance(TimeSpan.FromSeconds(30));
        guards.CheckLine("We meet on Tuesday.").ShouldBe(SuppressionReason.Repetition);
        _time.Advance(TimeSpan.FromSeconds(31));
        guards.CheckLine("We meet on Tuesday.").ShouldBeNull();
    }

    [Fact]
    public void A_refused_repeat_keeps_its_line_recent_so_a_loop_stays_refused()
    {
        var guards = Guards();

        guards.CheckLine("I'll see you all next week.").ShouldBeNull();
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(20));
            guards.CheckLine("I'll see you all next week.").ShouldBe(SuppressionReason.Repetition);
        }

        guards.Counts.Repetition.ShouldBe(5);
    }

    [Fact]
    public void Only_the_set_number_of_recent_lines_is_remembered()
    {
        var guards = Guards(new GuardOptions { RecentLines = 2 });

        guards.CheckLine("The first item is the budget.").ShouldBeNull();
        guards.CheckLine("The second item is the roof.").ShouldBeNull();
        guards.CheckLine("The first item is the budget.").ShouldBe(SuppressionReason.Repetition);
        guards.CheckLine("The third item is the car park.").ShouldBeNull();
        guards.CheckLine("The first item is the budget.").ShouldBeNull();
    }

    [Fact]
    public void Refused_lines_are_not_remembered()
    {
        var guards = Guards();

        guards.CheckLine("Thanks for watching!").ShouldBe(SuppressionReason.Blocklist);
        guards.CheckLine("the the the the").ShouldBe(SuppressionReason.Repetition);
        guards.CheckLine("The the the the").ShouldBe(SuppressionReason.Repetition);

        guards.Counts.ShouldBe(new SuppressedCounts(0, 2, 1, 0, 0));
    }

    [Fact]
    public void Lines_and_segments_are_judged_apart()
    {
        var guards = Guards();

        guards.CheckSegment(Segments.Of("We meet on Tuesday.")).ShouldBeNull();
        guards.CheckSegment(Segments.Of("We meet on Tuesday.")).ShouldBeNull();
        guards.CheckLine("We meet on Tuesday.").ShouldBeNull();
    }

    [Fact]
    public void No_recent_lines_turns_the_cross_commit_check_off()
    {
        var guards = Guards(new GuardOptions { RecentLines = 0 });

        guards.CheckLine("We meet on Tuesday.").ShouldBeNull();
        guards.CheckLine("We meet on Tuesday.").ShouldBeNull();
    }

    [Fact]
    public void The_minimum_words_for_a_repeated_line_can_be_lowered()
    {
        var guards = Guards(new GuardOptions { RepeatedLineMinWords = 1 });

        guards.CheckLine("Amen.").ShouldBeNull();
        guards.CheckLine("Amen.").ShouldBe(SuppressionReason.Repetition);
    }

    private CaptionGuards Guards(GuardOptions? options = null) => new(options ?? new GuardOptions(), 0.6f, -1f, "en", _logger, _time);
}
