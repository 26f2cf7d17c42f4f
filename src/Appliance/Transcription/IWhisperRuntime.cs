namespace LiveStt.Appliance.Transcription;

/// <summary>The loaded whisper.cpp library: what it is, and a way to load models into it.</summary>
public interface IWhisperRuntime
{
    /// <summary>Version and backend, as the library reports them. Reading it loads and checks the library.</summary>
    WhisperRuntimeInfo Info { get; }

    /// <summary>Loads a ggml model file; the caller disposes the result.</summary>
    ITranscriber Load(string modelPath);

    /// <summary>
    /// Whether whisper.cpp knows the language <paramref name="code"/> (lower case, e.g. "en"), or it is "auto". True when
    /// the library cannot be loaded to ask: the model's load will say what is wrong then.
    /// </summary>
    bool KnowsLanguage(string code);
}
