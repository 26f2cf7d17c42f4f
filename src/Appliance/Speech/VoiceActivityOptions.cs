namespace LiveStt.Appliance.Speech;

/// <summary>How speech is told from silence, noise and music. Bound from the "Vad" section.</summary>
public sealed class VoiceActivityOptions
{
    public const string SectionName = "Vad";

    /// <summary>Where the image keeps the Silero model it was built with.</summary>
    public const string ImageModelPath = "/app/vad/silero-v6.2.0-ggml.bin";

    /// <summary>
    /// Listen with the Silero model and decode only speech. Off, every step of audio is decoded and utterances end
    /// only at sentence ends and the window's bound.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Silero model in whisper.cpp's ggml format.</summary>
    public string ModelPath { get; set; } = ImageModelPath;

    /// <summary>
    /// A 32 ms chunk scoring at least this is speech. Speech, once started, goes on while chunks score above this
    /// less 0.15 (Silero's own hysteresis), so a soft syllable does not end it.
    /// </summary>
    public double Threshold { get; set; } = 0.5;

    /// <summary>Speech this long (ms) in a row starts an utterance; a cough or a door is shorter.</summary>
    public int MinSpeechMs { get; set; } = 160;

    /// <summary>Audio (ms) kept in front of speech when it starts, so its first sounds are not clipped.</summary>
    public int PrerollMs { get; set; } = 250;

    /// <summary>CPU threads the model runs on; one is plenty for 32 ms chunks.</summary>
    public int Threads { get; set; } = 1;
}
