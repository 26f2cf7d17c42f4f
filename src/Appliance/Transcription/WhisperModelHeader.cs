namespace LiveStt.Appliance.Transcription;

/// <summary>The hyper-parameters of a checked model file that the appliance uses.</summary>
/// <param name="VocabularySize">n_vocab: 51864 for English-only models, 51865 and up for multilingual ones.</param>
/// <param name="AudioState">n_audio_state, the model's width (384 tiny, 512 base, 768 small).</param>
/// <param name="AudioLayers">n_audio_layer.</param>
/// <param name="TextLayers">n_text_layer.</param>
/// <param name="FileType">The weight type (ggml_ftype) without its quantisation-version prefix.</param>
internal readonly record struct WhisperModelHeader(int VocabularySize, int AudioState, int AudioLayers, int TextLayers, int FileType)
{
    /// <summary>n_vocab from which whisper.cpp treats a model as multilingual.</summary>
    private const int MultilingualVocabularySize = 51865;

    /// <summary>whisper.cpp's end-of-text token for English-only models; multilingual ones put it one later.</summary>
    private const int EnglishEndOfText = 50256;

    public bool IsMultilingual => VocabularySize >= MultilingualVocabularySize;

    /// <summary>The first special token id (end of text); every id from it up is a control or timestamp token.</summary>
    public int EndOfTextToken => IsMultilingual ? EnglishEndOfText + 1 : EnglishEndOfText;
}
