namespace LiveStt.ModelGenerator;

/// <summary>
/// The hyper-parameters of a whisper.cpp model, in the order the loader reads them.
/// Audio and text widths are one value because whisper.cpp requires them to be equal.
/// </summary>
/// <param name="Width">n_audio_state and n_text_state.</param>
/// <param name="Heads">n_audio_head and n_text_head; must divide <paramref name="Width"/>.</param>
/// <param name="AudioLayers">n_audio_layer (whisper.cpp names the model after it: 4 tiny, 6 base, 12 small).</param>
/// <param name="TextLayers">n_text_layer.</param>
/// <param name="VocabularySize">
/// n_vocab: 51864 for the English layout (50256 text tokens, then the special ones), 51865 for the multilingual
/// one (50257 text tokens, then the special ones with a token per language).
/// </param>
/// <param name="AudioContext">n_audio_ctx; whisper decodes 30 s windows, which are 1500 encoder positions.</param>
/// <param name="TextContext">n_text_ctx.</param>
/// <param name="MelBands">n_mels.</param>
/// <param name="WeightType">How the large matrices are stored: f16 by default, as published models store them.</param>
public sealed record WhisperModelShape(
    int Width,
    int Heads,
    int AudioLayers,
    int TextLayers,
    int VocabularySize = WhisperModelShape.EnglishVocabularySize,
    int AudioContext = 1500,
    int TextContext = 448,
    int MelBands = 80,
    ModelWeightType WeightType = ModelWeightType.F16)
{
    /// <summary>n_vocab of the English-only models (tiny.en, base.en, ...).</summary>
    public const int EnglishVocabularySize = 51864;

    /// <summary>n_vocab of the multilingual models (tiny, base, small): language tokens, and transcribe or translate.</summary>
    public const int MultilingualVocabularySize = 51865;

    /// <summary>Whether whisper.cpp treats this shape as multilingual (n_vocab from 51865).</summary>
    public bool IsMultilingual => VocabularySize == MultilingualVocabularySize;

    /// <summary>Text tokens the file holds; the end-of-text token follows them, and whisper.cpp adds the rest.</summary>
    public int TextTokenCount => IsMultilingual ? 50257 : 50256;

    /// <summary>The smallest shape that still runs whisper's full pipeline: fast to write and to load (about 8 MB).</summary>
    public static WhisperModelShape Micro { get; } = new(Width: 64, Heads: 1, AudioLayers: 1, TextLayers: 1);

    /// <summary>tiny.en's dimensions, so compute cost is realistic (about 76 MB in f16, 150 MB in f32).</summary>
    public static WhisperModelShape Tiny { get; } = new(Width: 384, Heads: 6, AudioLayers: 4, TextLayers: 4);

    /// <summary>base.en's dimensions.</summary>
    public static WhisperModelShape Base { get; } = new(Width: 512, Heads: 8, AudioLayers: 6, TextLayers: 6);

    /// <summary>small.en's dimensions (about 480 MB in f16): the largest model the resource benchmark measures.</summary>
    public static WhisperModelShape Small { get; } = new(Width: 768, Heads: 12, AudioLayers: 12, TextLayers: 12);

    /// <summary>Finds a preset by its lower-case name (micro, tiny, base, small).</summary>
    public static WhisperModelShape? FromName(string name) => name switch
    {
        "micro" => Micro,
        "tiny" => Tiny,
        "base" => Base,
        "small" => Small,
        _ => null,
    };

    /// <summary>Every reason whisper.cpp would refuse or mis-run this shape; empty when it is usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Width <= 0) problems.Add($"Width must be positive (got {Width}).");
        if (Heads <= 0) problems.Add($"Heads must be positive (got {Heads}).");
        else if (Width > 0 && Width % Heads != 0) problems.Add($"Heads ({Heads}) must divide Width ({Width}).");
        if (AudioLayers <= 0) problems.Add($"AudioLayers must be positive (got {AudioLayers}).");
        if (TextLayers <= 0) problems.Add($"TextLayers must be positive (got {TextLayers}).");
        // Special token ids (eot 50256, sot 50257, timestamps from 50364 in the English layout) are fixed by
        // whisper.cpp for each layout, so the vocabulary cannot be shrunk to make a model smaller.
        if (VocabularySize is not (EnglishVocabularySize or MultilingualVocabularySize))
        {
            problems.Add($"VocabularySize must be {EnglishVocabularySize} (the English layout) or {MultilingualVocabularySize} (multilingual); got {VocabularySize}.");
        }

        if (AudioContext <= 0) problems.Add($"AudioContext must be positive (got {AudioContext}).");
        if (TextContext <= 0) problems.Add($"TextContext must be positive (got {TextContext}).");
        if (MelBands <= 0) problems.Add($"MelBands must be positive (got {MelBands}).");
        if (!Enum.IsDefined(WeightType)) problems.Add($"WeightType {WeightType} is not supported.");
        return problems;
    }
}
