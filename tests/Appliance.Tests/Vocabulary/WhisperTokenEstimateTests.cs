using System.Text;
using LiveStt.Appliance.Vocabulary;

namespace LiveStt.Appliance.Tests.Vocabulary;

public sealed class WhisperTokenEstimateTests
{
    [Theory]
    [InlineData("", 0)]
    // " Amen" is one token in whisper's vocabulary; the estimate errs high for common words.
    [InlineData("Amen", 2)]
    [InlineData("Habakkuk", 4)]
    [InlineData("Nebuchadnezzar", 7)]
    // The space joins the word after it, as in whisper's vocabulary.
    [InlineData("Pastor Okonkwo", 7)]
    // 'St' 1, ' John' 2, the contraction 's 1.
    [InlineData("St John's", 4)]
    [InlineData("1 Corinthians", 7)]
    // The comma of the glossary separator is one token of its own.
    [InlineData("Nebuchadnezzar, Habakkuk", 12)]
    // whisper.cpp splits on ASCII letters only, so É and é (two UTF-8 bytes each) count a token per byte.
    [InlineData("Ézéchiel", 8)]
    [InlineData("Psalm 23:1-6", 8)]
    public void Known_texts_estimate_as_reasoned(string text, int expected) =>
        WhisperTokenEstimate.Estimate(text).ShouldBe(expected);

    [Theory]
    [InlineData("Nebuchadnezzar")]
    [InlineData("Pastor Okonkwo, Habakkuk, St John's")]
    [InlineData("Ézéchiel, Zürich, Kraków")]
    [InlineData("1 Corinthians 13:4-7 — \"love is patient\"")]
    [InlineData("Ngozi Adichie-Okafor")]
    public void The_estimate_lies_between_the_true_bounds(string text)
    {
        // Each word is at least one token and each token is at least one byte, whatever the merges.
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var bytes = Encoding.UTF8.GetByteCount(text);

        WhisperTokenEstimate.Estimate(text).ShouldBeInRange(words, bytes);
    }
}
