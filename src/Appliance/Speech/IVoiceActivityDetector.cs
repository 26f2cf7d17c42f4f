namespace LiveStt.Appliance.Speech;

/// <summary>
/// A voice-activity model fed 16 kHz mono audio as it arrives, chunk by chunk, its state carried from one call to
/// the next. One instance serves one audio stream.
/// </summary>
public interface IVoiceActivityDetector : IDisposable
{
    /// <summary>The model's name, as status shows it.</summary>
    string ModelName { get; }

    /// <summary>Samples scored as one; each call takes a whole number of these.</summary>
    int ChunkSamples { get; }

    /// <summary>
    /// Writes the speech probability (0..1) of each <see cref="ChunkSamples"/> chunk of <paramref name="samples"/>
    /// into <paramref name="probabilities"/>, which holds exactly one value per chunk.
    /// </summary>
    void Score(ReadOnlySpan<float> samples, Span<float> probabilities);

    /// <summary>Forgets the audio heard so far, e.g. across a gap in it.</summary>
    void Reset();
}
