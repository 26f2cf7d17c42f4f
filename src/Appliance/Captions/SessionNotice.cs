namespace LiveStt.Appliance.Captions;

/// <summary>
/// What viewers are told of the caption session's life (client method <c>session</c>): sent to every viewer when it
/// changes, and to a new viewer first, before its backlog.
/// </summary>
/// <param name="SessionId">The session it is about; null before the first session since the box started.</param>
/// <param name="State">One of <see cref="ViewerSessionStates"/>.</param>
/// <param name="StartedAt">When the session started; null before the first.</param>
public sealed record SessionNotice(string? SessionId, string State, DateTimeOffset? StartedAt);
