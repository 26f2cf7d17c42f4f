using LiveStt.Appliance.Speech;

namespace LiveStt.Appliance.Tests.Speech;

/// <summary>Hands out the given probabilities in order, one per 512-sample chunk, whatever the audio; 0 once they run out.</summary>
internal sealed class ScriptedVoiceActivity(params float[] probabilities) : IVoiceActivityDetector
{
    private int next;

    public string ModelName => "scripted";

    public int ChunkSamples => 512;

    public List<int> CallLengths { get; } = [];

    public int Resets { get; private set; }

    public void Score(ReadOnlySpan<float> samples, Span<float> scores)
    {
        CallLengths.Add(samples.Length);
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = next < probabilities.Length ? probabilities[next++] : 0f;
        }
    }

    public void Reset() => Resets++;

    public void Dispose()
    {
    }
}
