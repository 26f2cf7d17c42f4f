namespace LiveStt.Appliance.Models;

/// <summary>Which whisper model the appliance loads and where it comes from (section "Models").</summary>
public sealed class ModelOptions
{
    public const string SectionName = "Models";

    /// <summary>whisper.cpp's public ggml model files on Hugging Face.</summary>
    public const string PublicDownloadBaseUrl = "https://huggingface.co/ggerganov/whisper.cpp/resolve/main";

    /// <summary>A catalog name (tiny.en, base.en, small.en, tiny, base, small and their -q5_1 / -q8_0 variants). Ignored when <see cref="Path"/> is set.</summary>
    public string Name { get; set; } = "base.en";

    /// <summary>A model file to load as it is, instead of a named download. It must exist.</summary>
    public string? Path { get; set; }

    /// <summary>Where named models are downloaded to and kept between boots (a volume).</summary>
    public string CacheDirectory { get; set; } = "/data/models";

    /// <summary>Base URL a catalog file name is appended to.</summary>
    public string DownloadBaseUrl { get; set; } = PublicDownloadBaseUrl;

    /// <summary>
    /// A generated random-weight model used when the named model cannot be downloaded (no internet,
    /// server down). Optional; without it a failed download stops start-up.
    /// </summary>
    public string? DemoFallbackPath { get; set; }

    /// <summary>Longest a whole download may take.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest the download may go without receiving a byte before it counts as failed.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
