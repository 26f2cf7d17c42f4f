using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace LiveStt.Appliance.Captions;

/// <summary>
/// One connected viewer: a bounded queue the broadcaster fills without waiting, drained by this
/// viewer's own send loop, so a slow connection only ever delays itself.
/// </summary>
internal sealed partial class CaptionViewer
{
    private readonly HubCallerContext _connection;
    private readonly IViewerSink _sink;
    private readonly Channel<ViewerMessage> _queue;
    private readonly CancellationTokenSource _stop;
    private readonly ILogger _logger;
    private Task _sendLoop = Task.CompletedTask;
    private int _fellBehind;

    public CaptionViewer(HubCallerContext connection, IViewerSink sink, int capacity, ILogger logger, CancellationToken stopping)
    {
        _connection = connection;
        _sink = sink;
        _logger = logger;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _queue = Channel.CreateBounded<ViewerMessage>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public string ConnectionId => _connection.ConnectionId;

    /// <summary>Queues without waiting; false when the queue is full.</summary>
    public bool TryEnqueue(ViewerMessage message) => _queue.Writer.TryWrite(message);

    public void Start() => _sendLoop = SendLoopAsync();

    /// <summary>
    /// Disconnects a viewer whose queue overflowed. It reconnects with a fresh ticket and catches up
    /// from the backlog, which serves it better than a stream with holes in it.
    /// </summary>
    /// <returns>True the first time, so the caller counts each viewer once.</returns>
    public bool DisconnectForFallingBehind()
    {
        if (Interlocked.Exchange(ref _fellBehind, 1) != 0)
        {
            return false;
        }

        _queue.Writer.TryComplete();
        _connection.Abort();
        return true;
    }

    public async Task StopAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        await _sendLoop;
        _stop.Dispose();
    }

    private async Task SendLoopAsync()
    {
        // Yield so the caller (the hub's OnConnectedAsync) is not held up by the first send.
        await Task.Yield();
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                await _sink.SendAsync(message, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disconnected or shutting down: what is still queued has nobody to go to.
        }
        catch (Exception ex)
        {
            Log.SendFailed(_logger, ex, ConnectionId);
            _connection.Abort();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Sending captions to viewer {ConnectionId} failed; disconnecting it")]
        public static partial void SendFailed(ILogger logger, Exception exception, string connectionId);
    }
}
