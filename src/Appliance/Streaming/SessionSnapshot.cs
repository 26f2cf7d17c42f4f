using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Streaming;

/// <summary>A point-in-time view of the caption session.</summary>
/// <param name="State">idle, starting, live, stopping or faulted.</param>
/// <param name="LagMs">How far transcription trails the audio clock.</param>
/// <param name="DroppedAudioMs">Audio discarded because whisper fell behind.</param>
/// <param name="Input">What the session hears from its audio input; null before a session has opened one.</param>
public sealed record SessionSnapshot(
    string? SessionId,
    string State,
    DateTimeOffset? StartedAt,
    string? Source,
    bool AudioAlive,
    long LagMs,
    long DroppedAudioMs,
    long CommittedLines,
    string? Error,
    AudioInputStatus? Input = null);
