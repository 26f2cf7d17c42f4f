namespace LiveStt.Appliance.Captions;

/// <summary>Where the streaming pipeline hands caption events for delivery to viewers.</summary>
public interface ICaptionPublisher
{
    /// <summary>Delivers the event to connected viewers; committed events are also kept for late joiners.</summary>
    ValueTask PublishAsync(CaptionEvent caption, CancellationToken cancellationToken);

    /// <summary>Tells every viewer, and each that connects later, what the session is doing (live, paused, ended...).</summary>
    ValueTask AnnounceAsync(SessionNotice notice, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="sessionId"/> the current session with <paramref name="committed"/> (its lines from before the
    /// appliance was cut off, oldest first) as its backlog, and sends that backlog to viewers already connected.
    /// </summary>
    ValueTask RestoreAsync(string sessionId, IReadOnlyList<CaptionEvent> committed, CancellationToken cancellationToken);
}
