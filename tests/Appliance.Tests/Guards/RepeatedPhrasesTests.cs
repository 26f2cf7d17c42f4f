using LiveStt.Appliance.Guards;

namespace LiveStt.Appliance.Tests.Guards;

public sealed class RepeatedPhrasesTests
{
    [Theory]
    [InlineData("no, no, no", false)]
    [InlineData("no no no no", true)]
    [InlineData("the the the the", true)]
    [InlineData("Amen. Amen.", false)]
    [InlineData("thank you, thank you", false)]
    [InlineData("thank you thank you thank you", true)]
    [InlineData("Thank you. THANK YOU! thank you...", true)]
    [InlineData("I'm going to go ahead and do that. I'm going to go ahead and do that. I'm going to go ahead and do that.", true)]
    [InlineData("one two three four five six seven eight nine, one two three four five six seven eight nine, one two three four five six seven eight nine", false)]
    [InlineData("very very very good, very very very good", false)]
    [InlineData("we had had a long day", false)]
    [InlineData("", false)]
    public void Words_may_repeat_three_times_and_phrases_twice_at_the_defaults(string text, bool exceeds)
    {
        RepeatedPhrases.Exceed(GuardText.Words(text), maxWordRepeats: 3, maxPhraseRepeats: 2).ShouldBe(exceeds);
    }

    [Fact]
    public void A_repeated_word_is_judged_by_the_word_limit_even_when_it_also_repeats_as_pairs()
    {
        var sixNos = GuardText.Words("no no no no no no");

        RepeatedPhrases.Exceed(sixNos, maxWordRepeats: 6, maxPhraseRepeats: 2).ShouldBeFalse();
        RepeatedPhrases.Exceed(sixNos, maxWordRepeats: 5, maxPhraseRepeats: 2).ShouldBeTrue();
    }
}
