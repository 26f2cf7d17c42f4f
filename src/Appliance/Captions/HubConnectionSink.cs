using Microsoft.AspNetCore.SignalR;

namespace LiveStt.Appliance.Captions;

/// <summary>Writes a viewer's messages straight to its hub connection, in the bytes already serialised for its protocol.</summary>
internal sealed class HubConnectionSink(HubConnectionContext connection) : IViewerSink
{
    public ValueTask SendAsync(ViewerMessage message, CancellationToken cancellationToken) =>
        connection.WriteAsync(message.Serialized, cancellationToken);
}
