using LiveStt.Appliance.Models;
using LiveStt.Appliance.Streaming;

namespace LiveStt.Appliance.Apis;

/// <summary>The body of GET /api/status.</summary>
/// <param name="Model">Null until a model has been resolved.</param>
/// <param name="Download">The model download under way, if any (a first boot with internet).</param>
public sealed record ApplianceStatus(WhisperStatus Whisper, ModelStatus? Model, ModelDownloadProgress? Download, SessionSnapshot Session);
