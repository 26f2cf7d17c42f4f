using LiveStt.Appliance.Backplane;
using LiveStt.Appliance.Models;
using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Vocabulary;

namespace LiveStt.Appliance.Apis;

/// <summary>The body of GET /api/status.</summary>
/// <param name="Model">Null until a model has been resolved.</param>
/// <param name="Download">The model download under way, if any (a first boot with internet).</param>
/// <param name="Vocabulary">The site's vocabulary file as last loaded, with any problems found in it.</param>
/// <param name="Viewers">The phones connected, and how many were disconnected for falling behind.</param>
/// <param name="Backplane">How the box is joined to others through Redis; null when it is on its own.</param>
public sealed record ApplianceStatus(
    WhisperStatus Whisper,
    ModelStatus? Model,
    ModelDownloadProgress? Download,
    SessionSnapshot Session,
    VocabularyStatus Vocabulary,
    ViewerStatus Viewers,
    BackplaneStatus? Backplane = null);
