using LiveStt.Appliance.Captions;
using Microsoft.AspNetCore.SignalR;

namespace LiveStt.Appliance.Tests.Captions;

internal sealed class FakeHubContext : IHubContext<CaptionHub>
{
    private readonly FakeHubClients _clients = new();

    public IHubClients Clients => _clients;

    public IGroupManager Groups => throw new NotSupportedException();

    public RecordingClientProxy Add(string connectionId, bool stalled = false) => _clients.Add(connectionId, stalled);
}
