using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveStt.Appliance.Captions;

/// <summary>One hub invocation waiting in viewers' queues: the client method and its single argument.</summary>
/// <remarks>
/// One instance goes into every viewer's queue, and <see cref="Serialized"/> turns it into bytes once per hub protocol
/// for all of them: with thousands of phones, serialising each event once per phone cost more than sending it.
/// </remarks>
internal sealed class ViewerMessage(string method, object payload)
{
    public string Method { get; } = method;

    public object Payload { get; } = payload;

    /// <summary>The invocation, serialised on first use for each protocol and kept for the other viewers.</summary>
    public SerializedHubMessage Serialized { get; } = new(new InvocationMessage(method, [payload]));
}
