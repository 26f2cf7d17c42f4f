using Microsoft.AspNetCore.SignalR;

namespace LiveStt.Appliance.Kiosk;

/// <summary>
/// Where an unlocked kiosk page listens for <see cref="StatusMethod"/>: the session, the input's level and what the box
/// is doing, pushed about ten times a second. The page only listens; the hub has no methods to call.
/// </summary>
internal sealed class KioskHub(KioskAudience audience) : Hub
{
    public const string Path = "/hubs/kiosk";

    /// <summary>Client method receiving one <see cref="KioskUpdate"/>.</summary>
    public const string StatusMethod = "status";

    public override Task OnConnectedAsync()
    {
        audience.Joined();
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        audience.Left();
        return Task.CompletedTask;
    }
}
