using LiveStt.Appliance.Streaming;

namespace LiveStt.Appliance.Backplane;

/// <summary>
/// A relay's session controller: it runs no session of its own (no model is loaded, no input opened), and a kiosk
/// command on it says where captions are started instead.
/// </summary>
internal sealed class RelaySessionController : ISessionController
{
    public const string Refusal = "This box is a relay: its captions come from the caption source through Redis. Start, stop and pause captions on the caption source's kiosk.";

    public SessionSnapshot Current { get; } = new(null, SessionStates.Idle, null, null, false, 0, 0, 0, null);

    public Task<SessionSnapshot> StartSessionAsync(CancellationToken cancellationToken) => throw new SessionCommandException(Refusal);

    public Task<SessionSnapshot> StopSessionAsync(CancellationToken cancellationToken) => throw new SessionCommandException(Refusal);

    public Task<SessionSnapshot> PauseSessionAsync(CancellationToken cancellationToken) => throw new SessionCommandException(Refusal);

    public Task<SessionSnapshot> ResumeSessionAsync(CancellationToken cancellationToken) => throw new SessionCommandException(Refusal);
}
