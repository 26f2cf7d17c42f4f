using LiveStt.Appliance.Models;

namespace LiveStt.Appliance.Tests.Models;

public sealed class ModelCatalogTests
{
    private readonly ModelCatalog _catalog = new();

    [Theory]
    [InlineData("tiny.en")]
    [InlineData("base.en")]
    [InlineData("small.en")]
    [InlineData("tiny")]
    [InlineData("base")]
    [InlineData("small")]
    [InlineData("base.en-q5_1")]
    [InlineData("small.en-q8_0")]
    public void The_issue_s_models_are_named(string name)
    {
        var entry = _catalog.Find(name).ShouldNotBeNull();

        entry.FileName.ShouldBe($"ggml-{name}.bin");
    }

    [Fact]
    public void Every_entry_has_a_size_and_a_well_formed_sha1_and_no_name_or_file_repeats()
    {
        _catalog.Entries.Count.ShouldBe(18);
        _catalog.Entries.Select(e => e.Name).ShouldBeUnique();
        _catalog.Entries.Select(e => e.FileName).ShouldBeUnique();
        _catalog.Entries.Select(e => e.Sha1).ShouldBeUnique();
        foreach (var entry in _catalog.Entries)
        {
            entry.SizeBytes.ShouldBeGreaterThan(30_000_000);
            entry.Sha1.ShouldMatch("^[0-9a-f]{40}$");
        }
    }

    [Fact]
    public void Names_are_found_regardless_of_case_and_unknown_ones_are_not()
    {
        _catalog.Find("Base.EN").ShouldNotBeNull().Name.ShouldBe("base.en");
        _catalog.Find("base.en.bin").ShouldBeNull();
    }

    [Fact]
    public void The_published_sha1_of_base_en_is_the_one_whisper_cpp_lists()
    {
        _catalog.Find("base.en").ShouldNotBeNull().Sha1.ShouldBe("137c40403d78fd54d454da0f9bd998f78703390c");
    }
}
