namespace LiveStt.Appliance.Tests.Vocabulary;

public sealed class ReplacementRuleTests
{
    [Fact]
    public void A_find_rule_replaces_whole_words_only_whatever_their_case()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """{ "replacements": [ { "find": "okonkwo", "replace": "Okonkwo" } ] }""");

        vocabulary.Apply("pastor okonkwo and OKONKWO, not okonkwos or xokonkwo or okonkwo_2")
            .ShouldBe("pastor Okonkwo and Okonkwo, not okonkwos or xokonkwo or okonkwo_2");
    }

    [Fact]
    public void A_phrase_matches_across_any_run_of_spaces()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """{ "replacements": [ { "find": "jesus christ", "replace": "Jesus Christ" } ] }""");

        vocabulary.Apply("in jesus  christ's name, JESUS CHRIST, jesus christian").ShouldBe("in Jesus Christ's name, Jesus Christ, jesus christian");
    }

    [Fact]
    public void Match_case_leaves_other_spellings_alone()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """{ "replacements": [ { "find": "amen", "replace": "Amen", "matchCase": true } ] }""");

        vocabulary.Apply("amen and AMEN and Amen").ShouldBe("Amen and AMEN and Amen");
    }

    [Fact]
    public void A_find_rule_inserts_its_replacement_as_written()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """{ "replacements": [ { "find": "five dollars", "replace": "$5 ($1 x 5)" } ] }""");

        vocabulary.Apply("it costs five dollars").ShouldBe("it costs $5 ($1 x 5)");
    }

    [Fact]
    public void A_find_rule_that_ends_in_punctuation_must_still_stand_alone()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """{ "replacements": [ { "find": "dr.", "replace": "Doctor" } ] }""");

        vocabulary.Apply("dr. Ade and hdr.x").ShouldBe("Doctor Ade and hdr.x");
    }

    [Fact]
    public void A_pattern_rule_uses_groups_in_its_replacement()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """
            { "replacements": [
                { "pattern": "\\bchapter (\\d+) verse (?<verse>\\d+)\\b", "replace": "$1:${verse}" },
                { "pattern": "\\bst\\.? john's\\b", "replace": "St John's" } ] }
            """);

        vocabulary.Apply("john chapter 3 verse 16, read at st. john's and St John's")
            .ShouldBe("john 3:16, read at St John's and St John's");
    }

    [Fact]
    public void Rules_apply_in_file_order()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """
            { "replacements": [
                { "find": "okonkwo", "replace": "Okonkwo" },
                { "find": "pastor Okonkwo", "replace": "Pastor Okonkwo", "matchCase": true } ] }
            """);

        vocabulary.Apply("pastor okonkwo prays").ShouldBe("Pastor Okonkwo prays");
    }

    [Fact]
    public void Broken_rules_are_reported_with_their_positions_and_the_others_still_apply()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """
            { "replacements": [
                { "find": "okonkwo", "replace": "Okonkwo" },
                { "pattern": "(unclosed", "replace": "x" },
                { "find": "  ", "replace": "x" },
                { "find": "a", "pattern": "b", "replace": "c" },
                { "find": "habakuk" },
                { "find": "amen", "replace": "Amen", "matchcase": true },
                { "pattern": "x*", "replace": "-" },
                "jesus",
                { "find": "habakuk", "replace": "Habakkuk" } ] }
            """);

        var status = vocabulary.Status;

        status.Rules.ShouldBe(2);
        status.Problems.Count.ShouldBe(7);
        status.Problems[0].ShouldStartWith("replacements[1]: 'pattern' is not a valid .NET regular expression");
        status.Problems[1].ShouldBe("replacements[2]: 'find' is empty. Rule refused.");
        status.Problems[2].ShouldBe("replacements[3]: has both 'find' and 'pattern'; a rule is one or the other. Rule refused.");
        status.Problems[3].ShouldBe("replacements[4]: needs 'replace' (\"\" removes what it finds). Rule refused.");
        status.Problems[4].ShouldBe("replacements[5]: unknown property 'matchcase' (a rule has find, pattern, replace, matchCase). Rule refused.");
        status.Problems[5].ShouldStartWith("replacements[6]: 'pattern' can match empty text");
        status.Problems[6].ShouldStartWith("replacements[7]: must be an object");
        vocabulary.Apply("okonkwo read habakuk, amen").ShouldBe("Okonkwo read Habakkuk, amen");
    }

    [Fact]
    public void A_catastrophic_pattern_is_refused_at_load_with_its_position()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """
            { "replacements": [
                { "find": "okonkwo", "replace": "Okonkwo" },
                { "pattern": "^(\\w+\\s?)+$", "replace": "x" },
                { "pattern": "(a+)+$", "replace": "x" } ] }
            """);

        var status = vocabulary.Status;

        status.Rules.ShouldBe(1);
        status.Problems.Count.ShouldBe(2);
        status.Problems[0].ShouldStartWith("replacements[1]: took longer than 50 ms (Vocabulary:RuleTimeoutMs) on a test line");
        status.Problems[1].ShouldStartWith("replacements[2]: took longer than 50 ms");
        vocabulary.Apply("okonkwo").ShouldBe("Okonkwo");
    }

    [Fact]
    public void A_rule_that_times_out_on_a_line_is_skipped_for_it_and_reported()
    {
        using var file = new TempVocabularyFile();
        var log = new Streaming.ListLogger();
        // Passes the load-time test line (no x in it), but backtracks without end on a long run of x.
        var vocabulary = VocabularyTestStore.Over(file, """
            { "replacements": [
                { "find": "okonkwo", "replace": "Okonkwo" },
                { "pattern": "(x+x+)+y", "replace": "z" },
                { "find": "pastor", "replace": "Pastor" } ] }
            """, log, options => options.RuleTimeoutMs = 20);
        var line = new string('x', 40) + " pastor okonkwo";

        vocabulary.Status.Rules.ShouldBe(3);
        vocabulary.Apply(line).ShouldBe(new string('x', 40) + " Pastor Okonkwo");
        vocabulary.Apply("xxy pastor").ShouldBe("z Pastor");

        vocabulary.Status.RuleTimeouts.ShouldBe(1);
        var warning = log.Messages(Microsoft.Extensions.Logging.LogLevel.Warning).ShouldHaveSingleItem();
        warning.ShouldContain("replacements[1]");
        warning.ShouldNotContain("pastor");
    }

    [Fact]
    public void Empty_text_passes_through()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """{ "replacements": [ { "find": "okonkwo", "replace": "Okonkwo" } ] }""");

        vocabulary.Apply(string.Empty).ShouldBe(string.Empty);
        vocabulary.Apply(null!).ShouldBe(string.Empty);
    }
}
