using LiveStt.Appliance.Models;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Streaming;

/// <summary>The model the controller loaded once and keeps loaded between sessions.</summary>
internal sealed record LoadedModel(ResolvedModel Model, ITranscriber Transcriber);
