using System.Collections.Concurrent;
using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>A new source from <c>create</c> for every run of the pipeline; remembers each, and the options it was made with.</summary>
internal sealed class SourceFactory(Func<IAudioSource> create) : IAudioSourceFactory
{
    private readonly ConcurrentQueue<(IAudioSource Source, AudioOptions Options)> made = new();

    public IReadOnlyList<(IAudioSource Source, AudioOptions Options)> Made => [.. made];

    public IAudioSource Create(AudioOptions audio)
    {
        var source = create();
        made.Enqueue((source, audio));
        return source;
    }
}
