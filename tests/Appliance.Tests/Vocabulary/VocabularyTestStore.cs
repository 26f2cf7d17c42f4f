using LiveStt.Appliance.Tests.Streaming;
using LiveStt.Appliance.Vocabulary;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveStt.Appliance.Tests.Vocabulary;

/// <summary>Builds a vocabulary store over a file, with a fake clock and a logger the test can read.</summary>
internal static class VocabularyTestStore
{
    public static SiteVocabularyStore Create(
        string path, ListLogger? log = null, FakeTimeProvider? time = null, Action<VocabularyOptions>? configure = null)
    {
        var options = new VocabularyOptions { Path = path };
        configure?.Invoke(options);
        return new SiteVocabularyStore(
            Options.Create(options),
            time ?? new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero)),
            new ListLogger<SiteVocabularyStore>(log ?? new ListLogger()));
    }

    /// <summary>A store over <paramref name="file"/> after writing <paramref name="json"/> to it.</summary>
    public static SiteVocabularyStore Over(TempVocabularyFile file, string json, ListLogger? log = null, Action<VocabularyOptions>? configure = null)
    {
        file.Write(json);
        return Create(file.Path, log, configure: configure);
    }
}
