using LiveStt.Appliance.Interop.WhisperVad;

namespace LiveStt.Appliance.Speech;

/// <summary>The Silero VAD model as whisper.cpp runs it, scoring 32 ms chunks with its state carried between calls.</summary>
internal sealed class SileroVoiceActivityDetector : IVoiceActivityDetector
{
    private readonly WhisperVadLibrary library;
    private readonly SafeVadContextHandle context;

    public SileroVoiceActivityDetector(WhisperVadLibrary library, SafeVadContextHandle context, string modelName)
    {
        this.library = library;
        this.context = context;
        ModelName = modelName;
    }

    public string ModelName { get; }

    public int ChunkSamples => WhisperVadLibrary.ChunkSamples;

    public void Score(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        if (samples.Length % ChunkSamples != 0 || probabilities.Length != samples.Length / ChunkSamples)
        {
            throw new ArgumentException(
                $"{samples.Length} samples are not {probabilities.Length} whole chunks of {ChunkSamples}.", nameof(samples));
        }

        if (samples.IsEmpty)
        {
            return;
        }

        if (!library.DetectSpeech(context, samples, probabilities))
        {
            throw new InvalidOperationException($"whisper's Silero VAD failed on {samples.Length} samples.");
        }
    }

    public void Reset() => library.ResetState(context);

    public void Dispose() => context.Dispose();
}
