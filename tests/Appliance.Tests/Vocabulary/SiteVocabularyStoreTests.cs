using LiveStt.Appliance.Tests.Streaming;
using LiveStt.Appliance.Vocabulary;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LiveStt.Appliance.Tests.Vocabulary;

public sealed class SiteVocabularyStoreTests
{
    private const string OneRule = """{ "replacements": [ { "find": "okonkwo", "replace": "Okonkwo" } ] }""";
    private const string TwoRules = """{ "replacements": [ { "find": "okonkwo", "replace": "Okonkwo" }, { "find": "habakuk", "replace": "Habakkuk" } ] }""";

    [Fact]
    public void A_missing_file_is_an_empty_vocabulary_not_an_error()
    {
        using var file = new TempVocabularyFile();
        var log = new ListLogger();
        var vocabulary = VocabularyTestStore.Create(file.Path, log);

        vocabulary.GlossaryPrompt.ShouldBe(string.Empty);
        vocabulary.Apply("okonkwo").ShouldBe("okonkwo");
        vocabulary.Status.ShouldBe(new VocabularyStatus(file.Path, false, null, 0, 0, 0, [], 0), new StatusComparer());
        log.Messages(LogLevel.Warning).ShouldBeEmpty();
    }

    [Fact]
    public void An_empty_path_turns_the_vocabulary_off()
    {
        var vocabulary = VocabularyTestStore.Create(string.Empty);

        vocabulary.GlossaryPrompt.ShouldBe(string.Empty);
        vocabulary.Apply("okonkwo").ShouldBe("okonkwo");
        vocabulary.Status.Loaded.ShouldBeFalse();
    }

    [Fact]
    public void A_loaded_file_is_reported_with_when_and_what()
    {
        using var file = new TempVocabularyFile();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 9, 30, 0, TimeSpan.Zero));
        file.Write("""{ "glossary": ["Habakkuk"], "replacements": [ { "find": "okonkwo", "replace": "Okonkwo" } ] }""");
        var log = new ListLogger();
        var vocabulary = VocabularyTestStore.Create(file.Path, log, time);

        var status = vocabulary.Status;

        status.ShouldBe(new VocabularyStatus(file.Path, true, time.GetUtcNow(), 1, 4, 1, [], 0), new StatusComparer());
        log.Messages(LogLevel.Information).ShouldContain("Vocabulary rule replacements[0] loaded: find 'okonkwo' -> 'Okonkwo'");
    }

    [Fact]
    public void The_readme_example_loads_without_problems()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """
            {
              "glossary": ["Nebuchadnezzar", "Pastor Okonkwo", "Habakkuk"],
              "replacements": [
                { "find": "jesus christ", "replace": "Jesus Christ" },
                { "find": "okonkwo", "replace": "Okonkwo", "matchCase": false },
                { "pattern": "\\bst\\.? john's\\b", "replace": "St John's" },
                { "pattern": "\\bchapter (\\d+) verse (\\d+)\\b", "replace": "$1:$2" }
              ]
            }
            """);

        vocabulary.Status.Problems.ShouldBeEmpty();
        vocabulary.Status.Rules.ShouldBe(4);
        vocabulary.GlossaryPrompt.ShouldBe("Nebuchadnezzar, Pastor Okonkwo, Habakkuk");
        vocabulary.Apply("jesus christ at st john's, chapter 3 verse 16").ShouldBe("Jesus Christ at St John's, 3:16");
    }

    [Fact]
    public void Malformed_json_is_reported_and_nothing_in_it_is_used()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """
            { "glossary": ["Habakkuk"],
              "replacements": [ { "find": "okonkwo" "replace": "Okonkwo" } ] }
            """);

        var status = vocabulary.Status;

        status.Loaded.ShouldBeFalse();
        status.Rules.ShouldBe(0);
        status.Problems.ShouldBe(["the file is not valid JSON (line 2, byte 41); nothing in it was used."]);
        vocabulary.GlossaryPrompt.ShouldBe(string.Empty);
    }

    [Fact]
    public void A_file_that_is_not_an_object_is_reported()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """["Habakkuk"]""");

        vocabulary.Status.Problems.ShouldHaveSingleItem().ShouldStartWith("the file must hold a JSON object");
    }

    [Fact]
    public void Unknown_top_level_properties_are_reported_and_the_rest_applies()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, """{ "glosary": ["Habakkuk"], "replacements": [ { "find": "okonkwo", "replace": "Okonkwo" } ] }""");

        vocabulary.Status.Problems.ShouldBe(["glosary: unknown property, ignored (the file has 'glossary' and 'replacements')."]);
        vocabulary.Apply("okonkwo").ShouldBe("Okonkwo");
    }

    [Fact]
    public void A_changed_file_is_read_again_and_its_rules_replace_the_old_ones()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, OneRule);
        vocabulary.Apply("okonkwo read habakuk").ShouldBe("Okonkwo read habakuk");

        vocabulary.CheckForChanges().ShouldBeFalse();
        file.ReplaceByRename(TwoRules);

        vocabulary.CheckForChanges().ShouldBeTrue();
        vocabulary.Apply("okonkwo read habakuk").ShouldBe("Okonkwo read Habakkuk");
        vocabulary.Status.Rules.ShouldBe(2);
    }

    [Fact]
    public void A_file_broken_by_an_edit_leaves_the_last_good_vocabulary_in_use_until_it_is_fixed()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, OneRule);
        var loadedAt = vocabulary.Status.LoadedAt;

        file.Write("""{ "replacements": [ { "find": "habakuk", """);
        vocabulary.CheckForChanges().ShouldBeTrue();

        vocabulary.Apply("okonkwo").ShouldBe("Okonkwo");
        vocabulary.Status.Loaded.ShouldBeTrue();
        vocabulary.Status.LoadedAt.ShouldBe(loadedAt);
        vocabulary.Status.Problems.ShouldHaveSingleItem().ShouldStartWith("the file is not valid JSON");

        file.Write(TwoRules);
        vocabulary.CheckForChanges().ShouldBeTrue();
        vocabulary.Status.Rules.ShouldBe(2);
        vocabulary.Status.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_removed_file_empties_the_vocabulary()
    {
        using var file = new TempVocabularyFile();
        var vocabulary = VocabularyTestStore.Over(file, OneRule);
        vocabulary.Status.Rules.ShouldBe(1);

        File.Delete(file.Path);
        vocabulary.CheckForChanges().ShouldBeTrue();

        vocabulary.Apply("okonkwo").ShouldBe("okonkwo");
        vocabulary.Status.Loaded.ShouldBeFalse();
    }

    [Fact]
    public async Task The_running_store_polls_on_its_clock_and_picks_up_a_change()
    {
        using var file = new TempVocabularyFile();
        file.Write(OneRule);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));
        using var vocabulary = VocabularyTestStore.Create(file.Path, time: time, configure: options => options.ReloadIntervalMs = 5000);
        await vocabulary.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            vocabulary.Status.Rules.ShouldBe(1);
            // Whichever check sees the new file (the service's first one may still be to come), it does so after 9:00.
            time.Advance(TimeSpan.FromSeconds(1));
            file.ReplaceByRename(TwoRules);

            // The timer may not be waiting yet when the clock first moves on, so move it on until the poll has run.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (vocabulary.Status.Rules != 2 && DateTime.UtcNow < deadline)
            {
                time.Advance(TimeSpan.FromMilliseconds(5000));
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            vocabulary.Status.Rules.ShouldBe(2);
            vocabulary.Status.LoadedAt.ShouldNotBeNull().ShouldBeGreaterThan(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));
        }
        finally
        {
            await vocabulary.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Records hold their problems in a list, which record equality compares by reference.</summary>
    private sealed class StatusComparer : IEqualityComparer<VocabularyStatus>
    {
        public bool Equals(VocabularyStatus? x, VocabularyStatus? y) =>
            x is not null && y is not null && x with { Problems = [] } == y with { Problems = [] } && x.Problems.SequenceEqual(y.Problems);

        public int GetHashCode(VocabularyStatus obj) => 0;
    }
}
