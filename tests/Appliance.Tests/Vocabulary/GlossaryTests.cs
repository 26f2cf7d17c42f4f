namespace LiveStt.Appliance.Tests.Vocabulary;

public sealed class GlossaryTests
{
    [Fact]
    public void The_glossary_is_joined_for_whispers_prompt()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """{ "glossary": ["Nebuchadnezzar", "  Pastor   Okonkwo ", "Habakkuk"] }""");

        vocabulary.GlossaryPrompt.ShouldBe("Nebuchadnezzar, Pastor Okonkwo, Habakkuk");
        vocabulary.Status.GlossaryEntries.ShouldBe(3);
        // 7 + 1 (comma) + 7 + 1 + 4.
        vocabulary.Status.GlossaryTokens.ShouldBe(20);
        vocabulary.Status.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void An_over_long_glossary_stops_at_the_first_entry_past_the_budget_in_file_order()
    {
        using var file = new TempVocabularyFile();
        // Nebuchadnezzar 7, Pastor Okonkwo 1 + 7, Habakkuk 1 + 4 = 20; Zerubbabel would make 26.
        var vocabulary = VocabularyTestStore.Over(
            file,
            """{ "glossary": ["Nebuchadnezzar", "Pastor Okonkwo", "Habakkuk", "Zerubbabel", "Melchizedek", "Job"] }""",
            configure: options => options.GlossaryMaxTokens = 20);

        vocabulary.GlossaryPrompt.ShouldBe("Nebuchadnezzar, Pastor Okonkwo, Habakkuk");
        vocabulary.Status.GlossaryEntries.ShouldBe(3);
        vocabulary.Status.GlossaryTokens.ShouldBe(20);
        vocabulary.Status.Problems.ShouldBe([
            "glossary[3]: 'Zerubbabel' and the 2 entries after it left out: the glossary would take 26 tokens (estimated), " +
            "over Vocabulary:GlossaryMaxTokens (20); 3 entries kept.",
        ]);
    }

    [Fact]
    public void The_default_budget_holds_a_typical_site_list()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """{ "glossary": ["Nebuchadnezzar", "Pastor Okonkwo", "Habakkuk", "Zerubbabel", "Melchizedek", "Job"] }""");

        vocabulary.Status.GlossaryEntries.ShouldBe(6);
        vocabulary.Status.GlossaryTokens.ShouldBeLessThanOrEqualTo(64);
    }

    [Fact]
    public void A_zero_budget_leaves_the_glossary_out()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """{ "glossary": ["Job"] }""", configure: options => options.GlossaryMaxTokens = 0);

        vocabulary.GlossaryPrompt.ShouldBe(string.Empty);
        vocabulary.Status.Problems.ShouldHaveSingleItem().ShouldStartWith("glossary[0]: 'Job' left out");
    }

    [Fact]
    public void Empty_repeated_and_non_text_entries_are_reported_and_left_out()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """{ "glossary": ["Habakkuk", " ", 7, "habakkuk", "Job"] }""");

        vocabulary.GlossaryPrompt.ShouldBe("Habakkuk, Job");
        vocabulary.Status.Problems.ShouldBe([
            "glossary[1]: empty entry, left out.",
            "glossary[2]: must be a string; it is a number, left out.",
            "glossary[3]: 'habakkuk' repeats glossary[0], left out.",
        ]);
    }
}
