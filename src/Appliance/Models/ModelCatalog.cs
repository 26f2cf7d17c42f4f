namespace LiveStt.Appliance.Models;

/// <summary>
/// whisper.cpp's published ggml models. SHA-1s of the full-precision files are those in whisper.cpp's
/// models/README.md; the quantized ones and the exact sizes are those of the files on Hugging Face
/// (ggerganov/whisper.cpp), as recorded independently by several projects that pin them.
/// </summary>
public sealed class ModelCatalog : IModelCatalog
{
    private static readonly ModelCatalogEntry[] PublishedEntries =
    [
        new("tiny.en", "ggml-tiny.en.bin", 77_704_715, "c78c86eb1a8faa21b369bcd33207cc90d64ae9df"),
        new("tiny.en-q5_1", "ggml-tiny.en-q5_1.bin", 32_166_155, "3fb92ec865cbbc769f08137f22470d6b66e071b6"),
        new("tiny.en-q8_0", "ggml-tiny.en-q8_0.bin", 43_550_795, "802d6668e7d411123e672abe4cb6c18f12306abb"),
        new("base.en", "ggml-base.en.bin", 147_964_211, "137c40403d78fd54d454da0f9bd998f78703390c"),
        new("base.en-q5_1", "ggml-base.en-q5_1.bin", 59_721_011, "d26d7ce5a1b6e57bea5d0431b9c20ae49423c94a"),
        new("base.en-q8_0", "ggml-base.en-q8_0.bin", 81_781_811, "bb1574182e9b924452bf0cd1510ac034d323e948"),
        new("small.en", "ggml-small.en.bin", 487_614_201, "db8a495a91d927739e50b3fc1cc4c6b8f6c2d022"),
        new("small.en-q5_1", "ggml-small.en-q5_1.bin", 190_098_681, "20f54878d608f94e4a8ee3ae56016571d47cba34"),
        new("small.en-q8_0", "ggml-small.en-q8_0.bin", 264_477_561, "9d75ff4ccfa0a8217870d7405cf8cef0a5579852"),
        new("tiny", "ggml-tiny.bin", 77_691_713, "bd577a113a864445d4c299885e0cb97d4ba92b5f"),
        new("tiny-q5_1", "ggml-tiny-q5_1.bin", 32_152_673, "2827a03e495b1ed3048ef28a6a4620537db4ee51"),
        new("tiny-q8_0", "ggml-tiny-q8_0.bin", 43_537_433, "19e8118f6652a650569f5a949d962154e01571d9"),
        new("base", "ggml-base.bin", 147_951_465, "465707469ff3a37a2b9b8d8f89f2f99de7299dac"),
        new("base-q5_1", "ggml-base-q5_1.bin", 59_707_625, "a3733eda680ef76256db5fc5dd9de8629e62c5e7"),
        new("base-q8_0", "ggml-base-q8_0.bin", 81_768_585, "7bb89bb49ed6955013b166f1b6a6c04584a20fbe"),
        new("small", "ggml-small.bin", 487_601_967, "55356645c2b361a969dfd0ef2c5a50d530afd8d5"),
        new("small-q5_1", "ggml-small-q5_1.bin", 190_085_487, "6fe57ddcfdd1c6b07cdcc73aaf620810ce5fc771"),
        new("small-q8_0", "ggml-small-q8_0.bin", 264_464_607, "bcad8a2083f4e53d648d586b7dbc0cd673d8afad"),
    ];

    private readonly ModelCatalogEntry[] _entries;

    /// <summary>The published whisper.cpp models.</summary>
    public ModelCatalog()
        : this(PublishedEntries)
    {
    }

    /// <summary>A catalog with other entries (a private mirror, or tests).</summary>
    public ModelCatalog(IEnumerable<ModelCatalogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
    }

    public IReadOnlyList<ModelCatalogEntry> Entries => _entries;

    public ModelCatalogEntry? Find(string name) =>
        Array.Find(_entries, entry => string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase));
}
