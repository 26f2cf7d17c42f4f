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
/// A viewer coming back from further away than the backlog reaches has what it missed read from
/// <see cref="ICaptionHistory"/> first, outside the lock, and is then registered under it with those lines joined to
/// the backlog (see <see cref="AddViewerAsync"/>).
/// </remarks>
internal sealed partial class CaptionBroadcaster : ICaptionPublisher
{
    /// <summary>Reads of the history for one viewer, when lines keep scrolling out of the backlog while it reads.</summary>
    private const int ResumeReads = 3;

    private readonly IViewerSinks _sinks;
    private readonly ICaptionHistory _history;
    private readonly int _backlogLines;
    private readonly int _resumeMaxLines;
    private readonly int _viewerQueueCapacity;
    private readonly CancellationToken _stopping;
    private readonly ILogger<CaptionBroadcaster> _logger;

    private readonly Lock _gate = new();
    private readonly Queue<CaptionEvent> _backlog;
    private readonly Dictionary<string, CaptionViewer> _viewers = new(StringComparer.Ordinal);
    private string? _sessionId;

    /// <summary>The seq of the newest committed line of the current session no longer in the backlog; 0 when none has gone.</summary>
    private long _evictedSeq;
    private SessionNotice _session = new(null, ViewerSessionStates.Waiting, null);
    private long _viewersDisconnectedForFallingBehind;

    public CaptionBroadcaster(
        IViewerSinks sinks,
        ICaptionHistory history,
        IOptions<CaptionDeliveryOptions> options,
        IHostApplicationLifetime lifetime,
        ILogger<CaptionBroadcaster> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lifetime);
        _sinks = sinks;
        _history = history;
        _backlogLines = options.Value.BacklogLines;
        _resumeMaxLines = options.Value.ResumeMaxLines;
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
                    _evictedSeq = _backlog.Dequeue().Seq;
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
            var left = Math.Max(0, committed.Count - _backlogLines);
            _evictedSeq = left == 0 ? 0 : committed[left - 1].Seq;
            foreach (var caption in committed.Skip(left))
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
            _evictedSeq = 0;
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
    /// The session and the last committed seq the viewer already has, when it is reconnecting. Its backlog then holds
    /// every committed line of that session after that one, exactly once and in order (at most
    /// <see cref="CaptionDeliveryOptions.ResumeMaxLines"/>, the newest), read from the history where the backlog no
    /// longer reaches back; when another session has started since, the rest of its own session comes first and the
    /// current session's backlog after it.
    /// </param>
    /// <remarks>
    /// The history is read outside the lock, so publishing never waits on the disk. Lines committed during the read
    /// are in the backlog when the viewer is registered, unless more than the backlog holds were committed meanwhile:
    /// then the line the backlog last let go of is not among those read, and the history is read again.
    /// </remarks>
    public async Task AddViewerAsync(HubCallerContext connection, (string SessionId, long Seq)? resumeFrom, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        CaptionViewer viewer;
        if (resumeFrom is not { } from)
        {
            lock (_gate)
            {
                viewer = Register(connection, [.. _backlog]);
            }

            Started(viewer);
            return;
        }

        var capped = false;
        for (var read = 1; ; read++)
        {
            string? sessionAtRead;
            lock (_gate)
            {
                if (string.Equals(from.SessionId, _sessionId, StringComparison.Ordinal) && from.Seq >= _evictedSeq)
                {
                    viewer = Register(connection, [.. _backlog.Where(caption => caption.Seq > from.Seq)]);
                    break;
                }

                sessionAtRead = _sessionId;
            }

            var missed = await ReadMissedAsync(connection.ConnectionId, from, cancellationToken);
            var last = read == ResumeReads;
            lock (_gate)
            {
                if (string.Equals(from.SessionId, _sessionId, StringComparison.Ordinal))
                {
                    var readThrough = missed.Lines.Count > 0 ? missed.Lines[^1].Seq : from.Seq;
                    if (readThrough < _evictedSeq && !last)
                    {
                        continue;
                    }

                    if (readThrough < _evictedSeq)
                    {
                        Log.ResumeHole(_logger, connection.ConnectionId, from.SessionId, readThrough, _evictedSeq);
                    }

                    // By seq, once each: a line the transcript had to drop may still be in the backlog.
                    var lines = missed.Lines.Concat(_backlog.Where(caption => caption.Seq > from.Seq))
                        .DistinctBy(caption => caption.Seq)
                        .OrderBy(caption => caption.Seq)
                        .ToList();
                    capped = missed.More || lines.Count > _resumeMaxLines;
                    viewer = Register(connection, Newest(lines, _resumeMaxLines));
                }
                else if (string.Equals(from.SessionId, sessionAtRead, StringComparison.Ordinal) && !last)
                {
                    // Its session ended during the read: read again, for the lines it committed meanwhile.
                    continue;
                }
                else
                {
                    var room = _resumeMaxLines - _backlog.Count;
                    capped = missed.More || missed.Lines.Count > room;
                    viewer = Register(connection, [.. Newest(missed.Lines, room), .. _backlog]);
                }
            }

            break;
        }

        if (capped)
        {
            Log.ResumeCapped(_logger, connection.ConnectionId, from.SessionId, from.Seq, _resumeMaxLines);
        }

        Started(viewer);
    }

    /// <summary>
    /// A new viewer with the session and <paramref name="backlog"/> queued, added to those live events go to; the
    /// caller holds the lock.
    /// </summary>
    private CaptionViewer Register(HubCallerContext connection, CaptionEvent[] backlog)
    {
        var viewer = new CaptionViewer(connection, _sinks.For(connection.ConnectionId), _viewerQueueCapacity, _logger, _stopping);
        // The queue is new and empty, so the session and the backlog always fit.
        viewer.TryEnqueue(new ViewerMessage(CaptionHub.SessionMethod, _session));
        viewer.TryEnqueue(new ViewerMessage(CaptionHub.BacklogMethod, backlog));
        _viewers.Add(connection.ConnectionId, viewer);
        return viewer;
    }

    private void Started(CaptionViewer viewer)
    {
        viewer.Start();
        Log.ViewerConnected(_logger, viewer.ConnectionId, ViewerCount);
    }

    /// <summary>What the history has of <paramref name="from"/>'s session after its seq; nothing when it cannot be read.</summary>
    private async Task<CaptionHistoryPage> ReadMissedAsync(string connectionId, (string SessionId, long Seq) from, CancellationToken cancellationToken)
    {
        try
        {
            return await _history.AfterAsync(from.SessionId, from.Seq, _resumeMaxLines, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // It still gets the backlog: better what is at hand than no captions.
            Log.HistoryUnreadable(_logger, ex, connectionId, from.SessionId);
            return CaptionHistoryPage.Empty;
        }
    }

    private static CaptionEvent[] Newest(IReadOnlyList<CaptionEvent> lines, int max) =>
        max <= 0 ? [] : [.. lines.Skip(Math.Max(0, lines.Count - max))];

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

        [LoggerMessage(EventId = 33, Level = LogLevel.Information, Message = "Viewer {ConnectionId} missed more lines of session {SessionId} after seq {Seq} than one resume sends ({Max}); it was sent the newest, the rest stay in the transcript")]
        public static partial void ResumeCapped(ILogger logger, string connectionId, string sessionId, long seq, int max);

        [LoggerMessage(EventId = 34, Level = LogLevel.Warning, Message = "Viewer {ConnectionId} resuming session {SessionId}: its transcript goes to seq {ReadThrough} but the backlog starts after seq {EvictedSeq}; the lines between were not kept (transcripts off, or dropped while the disk was full)")]
        public static partial void ResumeHole(ILogger logger, string connectionId, string sessionId, long readThrough, long evictedSeq);

        [LoggerMessage(EventId = 35, Level = LogLevel.Warning, Message = "Reading what viewer {ConnectionId} missed of session {SessionId} failed; it gets the backlog only")]
        public static partial void HistoryUnreadable(ILogger logger, Exception exception, string connectionId, string sessionId);
    }
}
