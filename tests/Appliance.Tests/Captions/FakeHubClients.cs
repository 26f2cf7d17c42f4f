using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace LiveStt.Appliance.Tests.Captions;

/// <summary>Hands out one <see cref="RecordingClientProxy"/> per connection id; nothing else is used by the broadcaster.</summary>
internal sealed class FakeHubClients : IHubClients
{
    private readonly ConcurrentDictionary<string, RecordingClientProxy> _clients = new();

    public IClientProxy All => throw new NotSupportedException();

    public RecordingClientProxy Add(string connectionId, bool stalled) =>
        _clients[connectionId] = new RecordingClientProxy { Stalled = stalled };

    public IClientProxy Client(string connectionId) => _clients[connectionId];

    public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

    public IClientProxy Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();

    public IClientProxy Group(string groupName) => throw new NotSupportedException();

    public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

    public IClientProxy Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();

    public IClientProxy User(string userId) => throw new NotSupportedException();

    public IClientProxy Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();
}
