using LiveStt.Appliance.Apis;
using LiveStt.Appliance.Models;
using LiveStt.Appliance.Streaming;

namespace LiveStt.Appliance.Kiosk;

/// <summary>What the kiosk page shows, pushed about ten times a second while a kiosk listens.</summary>
/// <param name="Session">The session as <c>GET /api/session</c> gives it, the input's level and state among it.</param>
/// <param name="Viewers">Phones connected now.</param>
/// <param name="RecentLines">The session's last few committed lines, oldest first.</param>
/// <param name="Model">The speech model, null until one is resolved; <c>isDemo</c> says it is the demo.</param>
/// <param name="Download">The model download under way, if any.</param>
/// <param name="Box">Disk space and temperature.</param>
public sealed record KioskUpdate(
    SessionSnapshot Session,
    int Viewers,
    IReadOnlyList<KioskLine> RecentLines,
    ModelStatus? Model,
    ModelDownloadProgress? Download,
    BoxReadings Box);
