using Microsoft.AspNetCore.SignalR;

namespace LiveStt.Appliance.Captions;

/// <summary>
/// Where viewers connect to receive captions. Viewers only listen: the hub has no methods to call.
/// On connecting, a viewer receives <see cref="SessionMethod"/> and <see cref="BacklogMethod"/> once, then
/// <see cref="CaptionMethod"/> for each live event and <see cref="SessionMethod"/> whenever the session changes.
/// </summary>
internal sealed class CaptionHub(CaptionBroadcaster broadcaster) : Hub
{
    public const string Path = "/hubs/captions";

    /// <summary>Client method receiving one <see cref="CaptionEvent"/> as it happens.</summary>
    public const string CaptionMethod = "caption";

    /// <summary>Client method receiving the current session's recent committed lines, oldest first.</summary>
    public const string BacklogMethod = "backlog";

    /// <summary>Client method receiving a <see cref="SessionNotice"/>: first on connecting, then whenever the session's state changes.</summary>
    public const string SessionMethod = "session";

    public override Task OnConnectedAsync()
    {
        broadcaster.AddViewer(Context);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception) => broadcaster.RemoveViewerAsync(Context.ConnectionId);
}
