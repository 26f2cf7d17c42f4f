namespace LiveStt.Appliance.Apis;

/// <summary>The phones reading captions, in GET /api/status.</summary>
/// <param name="Connected">Viewers connected now.</param>
/// <param name="DisconnectedForFallingBehind">
/// Viewers disconnected since start-up because their queue filled (a phone that stopped reading); each reconnects and
/// catches up from the backlog.
/// </param>
public sealed record ViewerStatus(int Connected, long DisconnectedForFallingBehind);
