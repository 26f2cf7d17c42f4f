using LiveStt.Appliance.Captions;

namespace LiveStt.Appliance.Backplane;

/// <summary>
/// The caption source's publisher when relays are joined to it: this box's own viewers get each event first, exactly
/// as without Redis, and the event is then queued for the relays, so a slow or absent Redis never holds up captions.
/// </summary>
internal sealed class BackplanePublisher(CaptionBroadcaster local, BackplaneForwarder forwarder) : ICaptionPublisher
{
    public async ValueTask PublishAsync(CaptionEvent caption, CancellationToken cancellationToken)
    {
        await local.PublishAsync(caption, cancellationToken);
        forwarder.Enqueue(BackplaneEntry.ForCaption(caption));
    }

    public async ValueTask AnnounceAsync(SessionNotice notice, CancellationToken cancellationToken)
    {
        await local.AnnounceAsync(notice, cancellationToken);
        forwarder.Enqueue(BackplaneEntry.ForNotice(notice));
    }

    public async ValueTask RestoreAsync(string sessionId, IReadOnlyList<CaptionEvent> committed, CancellationToken cancellationToken)
    {
        await local.RestoreAsync(sessionId, committed, cancellationToken);
        forwarder.Enqueue(BackplaneEntry.ForRestore(sessionId, committed));
    }
}
