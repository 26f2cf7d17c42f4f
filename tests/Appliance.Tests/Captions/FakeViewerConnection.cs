using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;

namespace LiveStt.Appliance.Tests.Captions;

internal sealed class FakeViewerConnection(string connectionId) : HubCallerContext
{
    private int _aborts;

    public override string ConnectionId { get; } = connectionId;

    public override string? UserIdentifier => null;

    public override ClaimsPrincipal? User => null;

    public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override CancellationToken ConnectionAborted => CancellationToken.None;

    public int Aborts => Volatile.Read(ref _aborts);

    public override void Abort() => Interlocked.Increment(ref _aborts);
}
