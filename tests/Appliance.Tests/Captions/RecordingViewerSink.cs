using System.Threading.Channels;
using LiveStt.Appliance.Captions;

namespace LiveStt.Appliance.Tests.Captions;

/// <summary>A viewer's end of the hub: records what is sent, or stalls like a phone that walked out of Wi-Fi range.</summary>
internal sealed class RecordingViewerSink : IViewerSink
{
    private readonly Channel<(string Method, object? Payload)> _received = Channel.CreateUnbounded<(string, object?)>();

    public bool Stalled { get; init; }

    public int SendsStarted;

    public async ValueTask SendAsync(ViewerMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref SendsStarted);
        if (Stalled)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        _received.Writer.TryWrite((message.Method, message.Payload));
    }

    public async Task<(string Method, object? Payload)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    public bool TryNext(out (string Method, object? Payload) message) => _received.Reader.TryRead(out message);
}
