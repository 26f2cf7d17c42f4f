using LiveStt.Appliance.Streaming;

namespace LiveStt.Appliance.Apis;

/// <summary>The body of GET /api/status.</summary>
/// <param name="Model">Null until a model has been resolved.</param>
public sealed record ApplianceStatus(WhisperStatus Whisper, ModelStatus? Model, SessionSnapshot Session);
