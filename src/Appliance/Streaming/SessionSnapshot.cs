using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Guards;
using LiveStt.Appliance.Speech;
using LiveStt.Appliance.Transcripts;

namespace LiveStt.Appliance.Streaming;

/// <summary>A point-in-time view of the caption session.</summary>
/// <param name="State">idle, starting, live, paused, stopping or faulted (<see cref="SessionStates"/>); idle with a session id means it ended.</param>
/// <param name="LagMs">How far transcription trails the audio clock.</param>
/// <param name="DroppedAudioMs">Audio discarded because whisper fell behind.</param>
/// <param name="Input">What the session hears from its audio input; null before a session has opened one.</param>
/// <param name="Vad">What the voice-activity model hears; null when it is off or no session has started it.</param>
/// <param name="Decodes">whisper decodes this session: none while there is no speech.</param>
/// <param name="DecodeMsP50">Median time of the recent decodes (ms); null before the first.</param>
/// <param name="DecodeMsP95">95th percentile of the recent decodes' times (ms); null before the first.</param>
/// <param name="Suppressed">Text refused this session, by reason; null before a session has started.</param>
/// <param name="PausedAt">When the session was paused; null unless it is paused.</param>
/// <param name="EndedAt">When the last session ended; null while one runs or before the first.</param>
/// <param name="DecodeFailures">whisper decodes that failed this session; each window was decoded again at the next step.</param>
/// <param name="LastDecodeError">Why the latest failed decode failed; null before any failed.</param>
/// <param name="TranscriptWriting">Whether the session's committed lines are being written to its transcript as they come.</param>
/// <param name="Transcript">How its transcript is being written (records waiting for a full disk, lines lost, why); null when transcripts are off or before a session.</param>
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
    AudioInputStatus? Input = null,
    VadStatus? Vad = null,
    long Decodes = 0,
    double? DecodeMsP50 = null,
    double? DecodeMsP95 = null,
    SuppressedCounts? Suppressed = null,
    DateTimeOffset? PausedAt = null,
    DateTimeOffset? EndedAt = null,
    bool TranscriptWriting = false,
    TranscriptStatus? Transcript = null,
    long DecodeFailures = 0,
    string? LastDecodeError = null);
