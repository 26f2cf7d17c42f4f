using System.Collections.Concurrent;
using LiveStt.Appliance.Captions;

namespace LiveStt.Appliance.Tests.Captions;

/// <summary>Hands out one <see cref="RecordingViewerSink"/> per connection id, as the hub's lifetime manager hands out connections.</summary>
internal sealed class FakeViewerSinks : IViewerSinks
{
    private readonly ConcurrentDictionary<string, RecordingViewerSink> _sinks = new();

    public RecordingViewerSink Add(string connectionId, bool stalled = false) =>
        _sinks[connectionId] = new RecordingViewerSink { Stalled = stalled };

    public IViewerSink For(string connectionId) => _sinks[connectionId];
}
