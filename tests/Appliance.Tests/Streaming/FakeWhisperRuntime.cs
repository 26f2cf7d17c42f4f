using System.Collections.Concurrent;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>Hands out the transcriber <c>load</c> makes, and remembers every model path it was asked to load.</summary>
internal sealed class FakeWhisperRuntime(Func<string, ITranscriber> load) : IWhisperRuntime
{
    private readonly ConcurrentQueue<string> loaded = new();

    public IReadOnlyList<string> LoadedPaths => [.. loaded];

    public WhisperRuntimeInfo Info => new("fake", "1.8.5", "Cpu", "/fake/libwhisper.so", "CPU", "fake", ["Cpu"], Device: null, Fallback: null);

    public ITranscriber Load(string modelPath)
    {
        loaded.Enqueue(modelPath);
        return load(modelPath);
    }

    public bool KnowsLanguage(string code) => code is "auto" or "en" or "de" or "fr" or "es";
}
