using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Captions;

/// <summary>
/// Delivers caption events to every connected viewer and keeps the current session's recent committed
/// lines for viewers who join late.
/// </summary>
/// <remarks>
/// <see cref="PublishAsync"/> never waits on the network: under one lock it updates the backlog and
/// puts the event in each viewer's bounded queue, and each viewer's own loop sends from there. Because
/// a new viewer's backlog snapshot and its registration for live events happen under that same lock,
/// it sees every committed line exactly once and in order: backlog first, then live events after it.
/// </remarks>
internal sealed partial class CaptionBroadcaster : ICaptionPublisher
{
    private readonly IViewerSinks _sinks;
    private readonly int _backlogLines;
    private readonly int _viewerQueueCapacity;
    private readonly CancellationToken _stopping;
    private readonly ILogger<CaptionBroadcaster> _logger;

    private readonly Lock _gate = new();
    private readonly Queue<CaptionEvent> _backlog;
    private readonly Dictionary<string, CaptionViewer> _viewers = new(StringComparer.Ordinal);
    private string? _sessionId;
    private SessionNotice _session = new(null, ViewerSessionStates.Waiting, null);
    private long _viewersDisconnectedForFallingBehind;

    public CaptionBroadcaster(
        IViewerSinks sinks,
        IOptions<CaptionDeliveryOptions> options,
        IHostApplicationLifetime lifetime,
        ILogger<CaptionBroadcaster> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lifetime);
        _sinks = sinks;
        _backlogLines = options.Value.BacklogLines;
        _viewerQueueCapacity = options.Value.ViewerQueueCapacity;
        _stopping = lifetime.ApplicationStopping;
        _logger = logger;
        _backlog = new Queue<CaptionEvent>(_backlogLines);
    }

    public int ViewerCount
    {
        get
        {
            lock (_gate)
            {
                return _viewers.Count;
            }
        }
    }

    /// <summary>Viewers disconnected because their queue overflowed, since start-up.</summary>
    public long ViewersDisconnectedForFallingBehind => Interlocked.Read(ref _viewersDisconnectedForFallingBehind);

    /// <summary>The current session's backlog, oldest first.</summary>
    public IReadOnlyList<CaptionEvent> Backlog
    {
        get
        {
            lock (_gate)
            {
                return [.. _backlog];
            }
        }
    }

    /// <summary>What viewers were last told of the session.</summary>
    public SessionNotice Session
    {
        get
        {
            lock (_gate)
            {
                return _session;
            }
        }
    }

    public ValueTask PublishAsync(CaptionEvent caption, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caption);
        var message = new ViewerMessage(CaptionHub.CaptionMethod, caption);
        List<CaptionViewer>? fellBehind;
        lock (_gate)
        {
            SwitchSession(caption.SessionId);
            if (caption.Kind == CaptionKind.Committed)
            {
                if (_backlog.Count == _backlogLines)
                {
                    _backlog.Dequeue();
                }

                _backlog.Enqueue(caption);
            }

            fellBehind = EnqueueForAll(message);
        }

        DisconnectFellBehind(fellBehind);
        return ValueTask.CompletedTask;
    }

    public ValueTask AnnounceAsync(SessionNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        List<CaptionViewer>? fellBehind;
        lock (_gate)
        {
            if (notice.SessionId is not null)
            {
                SwitchSession(notice.SessionId);
            }

            _session = notice;
            fellBehind = EnqueueForAll(new ViewerMessage(CaptionHub.SessionMethod, notice));
        }

        DisconnectFellBehind(fellBehind);
        return ValueTask.CompletedTask;
    }

    public ValueTask RestoreAsync(string sessionId, IReadOnlyList<CaptionEvent> committed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(committed);
        List<CaptionViewer>? fellBehind;
        lock (_gate)
        {
            SwitchSession(sessionId);
            _backlog.Clear();
            foreach (var caption in committed.Skip(Math.Max(0, committed.Count - _backlogLines)))
            {
                _backlog.Enqueue(caption);
            }

            // Viewers drop the lines they already have, by seq.
            fellBehind = EnqueueForAll(new ViewerMessage(CaptionHub.BacklogMethod, _backlog.ToArray()));
        }

        DisconnectFellBehind(fellBehind);
        return ValueTask.CompletedTask;
    }

    /// <summary>A new session's viewers start from its own lines: the last session's backlog goes.</summary>
    private void SwitchSession(string sessionId)
    {
        if (!string.Equals(_sessionId, sessionId, StringComparison.Ordinal))
        {
            _sessionId = sessionId;
            _backlog.Clear();
        }
    }

    private List<CaptionViewer>? EnqueueForAll(ViewerMessage message)
    {
        List<CaptionViewer>? fellBehind = null;
        foreach (var viewer in _viewers.Values)
        {
            if (!viewer.TryEnqueue(message))
            {
                (fellBehind ??= []).Add(viewer);
            }
        }

        return fellBehind;
    }

    private void DisconnectFellBehind(List<CaptionViewer>? fellBehind)
    {
        if (fellBehind is not null)
        {
            foreach (var viewer in fellBehind)
            {
                if (viewer.DisconnectForFallingBehind())
                {
                    Interlocked.Increment(ref _viewersDisconnectedForFallingBehind);
                    Log.ViewerFellBehind(_logger, viewer.ConnectionId, _viewerQueueCapacity);
                }
            }
        }
    }

    /// <summary>Registers a connected viewer: its backlog goes first, then every live event.</summary>
    /// <param name="resumeFrom">
    /// The session and the last committed seq the viewer already has, when it is reconnecting: its backlog then holds only
    /// the lines after that one, if that session is still the current one.
    /// </param>
    public void AddViewer(HubCallerContext connection, (string SessionId, long Seq)? resumeFrom = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var viewer = new CaptionViewer(connection, _sinks.For(connection.ConnectionId), _viewerQueueCapacity, _logger, _stopping);
        int viewerCount;
        lock (_gate)
        {
            // The queue is new and empty, so the session and the backlog always fit.
            viewer.TryEnqueue(new ViewerMessage(CaptionHub.SessionMethod, _session));
            var backlog = resumeFrom is { } from && string.Equals(from.SessionId, _sessionId, StringComparison.Ordinal)
                ? _backlog.Where(caption => caption.Seq > from.Seq).ToArray()
                : _backlog.ToArray();
            viewer.TryEnqueue(new ViewerMessage(CaptionHub.BacklogMethod, backlog));
            _viewers.Add(connection.ConnectionId, viewer);
            viewerCount = _viewers.Count;
        }

        viewer.Start();
        Log.ViewerConnected(_logger, connection.ConnectionId, viewerCount);
    }

    public async Task RemoveViewerAsync(string connectionId)
    {
        CaptionViewer? viewer;
        int viewerCount;
        lock (_gate)
        {
            _viewers.Remove(connectionId, out viewer);
            viewerCount = _viewers.Count;
        }

        if (viewer is not null)
        {
            await viewer.StopAsync();
            Log.ViewerDisconnected(_logger, connectionId, viewerCount);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Viewer {ConnectionId} connected; {ViewerCount} watching")]
        public static partial void ViewerConnected(ILogger logger, string connectionId, int viewerCount);

        [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Viewer {ConnectionId} disconnected; {ViewerCount} watching")]
        public static partial void ViewerDisconnected(ILogger logger, string connectionId, int viewerCount);

        [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "Viewer {ConnectionId} fell {Capacity} messages behind and was disconnected")]
        public static partial void ViewerFellBehind(ILogger logger, string connectionId, int capacity);
    }
}
