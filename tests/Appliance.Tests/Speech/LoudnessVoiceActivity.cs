using LiveStt.Appliance.Speech;

namespace LiveStt.Appliance.Tests.Speech;

/// <summary>
/// Stands in for the Silero model in tests of the logic around it: a 512-sample chunk is speech (probability 1)
/// when its RMS reaches <paramref name="rmsThreshold"/>, silence (0) otherwise. The scripted audio's "words" are
/// loud noise and its pauses faint noise, so the two are told apart exactly.
/// </summary>
internal sealed class LoudnessVoiceActivity(float rmsThreshold = 0.01f) : IVoiceActivityDetector
{
    public string ModelName => "loudness";

    public int ChunkSamples => 512;

    public int Resets { get; private set; }

    public long ScoredSamples { get; private set; }

    public bool Disposed { get; private set; }

    public void Score(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        for (var chunk = 0; chunk < probabilities.Length; chunk++)
        {
            var power = 0.0;
            foreach (var sample in samples.Slice(chunk * ChunkSamples, ChunkSamples))
            {
                power += (double)sample * sample;
            }

            probabilities[chunk] = Math.Sqrt(power / ChunkSamples) >= rmsThreshold ? 1f : 0f;
        }

        ScoredSamples += samples.Length;
    }

    public void Reset() => Resets++;

    public void Dispose() => Disposed = true;
}
