using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace LiveStt.Appliance.Captions;

/// <summary>
/// SignalR's own lifetime manager for the caption hub, which also keeps each connection so that the broadcaster can
/// write a pre-serialised message to it (<see cref="HubConnectionSink"/>); <c>IClientProxy</c> would serialise every
/// message again for every viewer.
/// </summary>
/// <remarks>SignalR calls <see cref="OnConnectedAsync"/> before the hub's own OnConnectedAsync, which adds the viewer.</remarks>
internal sealed class CaptionHubLifetimeManager(ILogger<DefaultHubLifetimeManager<CaptionHub>> logger)
    : DefaultHubLifetimeManager<CaptionHub>(logger), IViewerSinks
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> _connections = new(StringComparer.Ordinal);

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connections[connection.ConnectionId] = connection;
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connections.TryRemove(connection.ConnectionId, out _);
        return base.OnDisconnectedAsync(connection);
    }

    public IViewerSink For(string connectionId) =>
        _connections.TryGetValue(connectionId, out var connection)
            ? new HubConnectionSink(connection)
            : throw new InvalidOperationException($"Caption hub connection {connectionId} is not connected.");
}
