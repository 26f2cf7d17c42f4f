using LiveStt.Appliance.Guards;

namespace LiveStt.Appliance.Tests.Guards;

public sealed class HallucinationBlocklistTests
{
    [Theory]
    [InlineData("en", "Thank you for watching.")]
    [InlineData("en", "Thanks for watching!")]
    [InlineData("en", "Please subscribe")]
    [InlineData("en", "Subtitles by the Amara.org community")]
    [InlineData("de", "Untertitel der Amara.org-Community")]
    [InlineData("de", "Vielen Dank fürs Zuschauen!")]
    [InlineData("es", "Subtítulos realizados por la comunidad de Amara.org")]
    [InlineData("fr", "Sous-titres réalisés par la communauté d'Amara.org")]
    [InlineData("fr", "Sous-titrage Société Radio-Canada")]
    [InlineData("nl", "Ondertiteling door de Amara.org gemeenschap")]
    [InlineData("pt", "Obrigado por assistir!")]
    [InlineData("it", "Sottotitoli creati dalla comunità Amara.org")]
    public void Each_language_refuses_its_known_phrases(string language, string text)
    {
        new HallucinationBlocklist(language, []).Blocks(text).ShouldBeTrue();
    }

    [Theory]
    [InlineData("[Music]")]
    [InlineData("(music)")]
    [InlineData("[MUSIC]")]
    [InlineData("♪")]
    [InlineData("♪ ♪ ♪")]
    [InlineData("[BLANK_AUDIO]")]
    public void Marks_are_refused_in_every_language(string text)
    {
        new HallucinationBlocklist("en", []).Blocks(text).ShouldBeTrue();
        new HallucinationBlocklist("ja", []).Blocks(text).ShouldBeTrue();
    }

    [Fact]
    public void A_language_s_phrases_are_not_refused_in_another_language_but_auto_refuses_them_all()
    {
        new HallucinationBlocklist("en", []).Blocks("Untertitel der Amara.org-Community").ShouldBeFalse();
        new HallucinationBlocklist("de", []).Blocks("Thanks for watching!").ShouldBeFalse();

        var auto = new HallucinationBlocklist("auto", []);
        auto.Blocks("Untertitel der Amara.org-Community").ShouldBeTrue();
        auto.Blocks("Thanks for watching!").ShouldBeTrue();
        auto.Blocks("Grazie per la visione.").ShouldBeTrue();
    }

    [Fact]
    public void Language_codes_are_matched_ignoring_case()
    {
        new HallucinationBlocklist("DE", []).Blocks("Untertitel der Amara.org-Community").ShouldBeTrue();
    }

    [Fact]
    public void Text_made_only_of_blocked_phrases_is_refused_even_repeated_or_mixed()
    {
        var blocklist = new HallucinationBlocklist("en", []);

        blocklist.Blocks("Thanks for watching! Thanks for watching! Thanks for watching!").ShouldBeTrue();
        blocklist.Blocks("Thank you for watching. Please subscribe. [Music]").ShouldBeTrue();
    }

    [Theory]
    [InlineData("That's all for today, thank you for watching.")]
    [InlineData("Music")]
    [InlineData("Thank you.")]
    [InlineData("Thank you for watching the children while I was out.")]
    [InlineData("")]
    [InlineData("...")]
    public void Genuine_lines_and_blocked_phrases_inside_longer_sentences_pass(string text)
    {
        new HallucinationBlocklist("en", []).Blocks(text).ShouldBeFalse();
    }

    [Fact]
    public void Site_phrases_are_refused_in_every_language_ignoring_case_and_punctuation()
    {
        var blocklist = new HallucinationBlocklist("de", ["Transcribed by ESO Translations", "[Fan noise]"]);

        blocklist.Blocks("transcribed by eso translations.").ShouldBeTrue();
        blocklist.Blocks("[FAN NOISE]").ShouldBeTrue();
        blocklist.Blocks("Untertitel der Amara.org-Community").ShouldBeTrue();
        new HallucinationBlocklist("de", []).Blocks("transcribed by eso translations.").ShouldBeFalse();
    }
}
