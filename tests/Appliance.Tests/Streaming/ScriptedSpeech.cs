using LiveStt.Appliance.Streaming;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>
/// Stand-in speech with a known transcript: loud noise where words are spoken, faint noise (about
/// -70 dBFS, under any pause threshold) between utterances. Every sample is distinct, so a fake
/// transcriber can tell where in the session a window it is handed starts.
/// </summary>
internal sealed class ScriptedSpeech
{
    private readonly Dictionary<(float, float, float), int> positions = [];

    private ScriptedSpeech(float[] audio, List<TimedWord> words)
    {
        Audio = audio;
        Words = words;
        for (var i = 0; i + 2 < audio.Length; i++)
        {
            positions.TryAdd((audio[i], audio[i + 1], audio[i + 2]), i);
        }
    }

    public float[] Audio { get; }

    public IReadOnlyList<TimedWord> Words { get; }

    public string Text => string.Join(' ', Words.Select(w => w.Text));

    /// <summary>Utterances separated by pauses; each word lasts <paramref name="wordMs"/>.</summary>
    public static ScriptedSpeech Build(IEnumerable<string> utterances, int wordMs = 300, int pauseMs = 800, int leadMs = 400, int seed = 1)
    {
        var random = new Random(seed);
        var audio = new List<float>();
        var words = new List<TimedWord>();
        AddNoise(audio, random, leadMs, 0.0005f);
        foreach (var utterance in utterances)
        {
            foreach (var word in utterance.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var startMs = audio.Count / 16;
                AddNoise(audio, random, wordMs, 0.35f);
                words.Add(new TimedWord(word, startMs, audio.Count / 16));
            }

            AddNoise(audio, random, pauseMs, 0.0005f);
        }

        return new ScriptedSpeech([.. audio], words);
    }

    /// <summary>Where in the session <paramref name="window"/> starts, in samples.</summary>
    public long Locate(ReadOnlySpan<float> window) =>
        window.Length >= 3 && positions.TryGetValue((window[0], window[1], window[2]), out var position)
            ? position
            : throw new InvalidOperationException("The window does not come from this audio.");

    private static void AddNoise(List<float> audio, Random random, int milliseconds, float amplitude)
    {
        for (var i = 0; i < milliseconds * 16; i++)
        {
            // Never exactly zero, and each value distinct in practice, so windows can be located.
            audio.Add(amplitude * (float)((random.NextDouble() * 2) - 1) + (1e-7f * (i % 7)));
        }
    }
}
