using LiveStt.Appliance.Guards;

namespace LiveStt.Appliance.Tests.Guards;

public sealed class GuardTextTests
{
    [Fact]
    public void Case_punctuation_and_spacing_do_not_count()
    {
        GuardText.Words("  Thanks   for WATCHING!!  ").ShouldBe(["thanks", "for", "watching"]);
        GuardText.Words("Don't stop — it’s fine.").ShouldBe(["dont", "stop", "its", "fine"]);
        GuardText.Words("Sous-titres réalisés par la communauté d'Amara.org").ShouldBe(["sous", "titres", "réalisés", "par", "la", "communauté", "damara", "org"]);
    }

    [Fact]
    public void Brackets_and_music_notes_are_words_only_when_marks_are_kept()
    {
        GuardText.Words("[Music] ♪", keepMarks: true).ShouldBe(["[", "music", "]", "♪"]);
        GuardText.Words("[Music] ♪").ShouldBe(["music"]);
    }
}
