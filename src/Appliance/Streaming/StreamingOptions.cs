namespace LiveStt.Appliance.Streaming;

/// <summary>How audio becomes captions. Bound from the "Streaming" section.</summary>
public sealed class StreamingOptions
{
    public const string SectionName = "Streaming";

    /// <summary>Whisper's window cannot hold more than 30 s; longer buffers are cut off by whisper itself.</summary>
    public const int WindowLimitSeconds = 30;

    /// <summary>How much new audio (ms) to gather before decoding the window again.</summary>
    public int StepMs { get; set; } = 1000;

    /// <summary>
    /// The audio window's bound, in seconds (at most 30). When new audio would push the window past it,
    /// the oldest third is cut off and the tentative text over it is committed.
    /// </summary>
    public int MaxWindowSeconds { get; set; } = WindowLimitSeconds;

    /// <summary>
    /// Encode only as much of whisper's 30 s audio context as the window fills (50 positions a second, 32 to
    /// spare, rounded up to 64) instead of all 1500. The encoder's cost falls with it: a tiny-shaped model on two
    /// cores encodes a 5 s window in about a sixth of the time (docs/benchmarks.md), which is what keeps it real
    /// time there. Off, every decode encodes the full 30 s, as whisper was trained, at the full cost.
    /// </summary>
    public bool FitAudioContext { get; set; } = true;

    /// <summary>No decode runs on less audio than this (ms); whisper guesses wildly on very short windows.</summary>
    public int MinWindowMs { get; set; } = 1000;

    /// <summary>A pause this long (ms) after speech, as the voice-activity model hears it, ends an utterance: its text is committed.</summary>
    public int MinSilenceMs { get; set; } = 500;

    /// <summary>
    /// Decoded tokens allowed per second of window audio; caps a runaway (repeating) decode so it cannot
    /// stall the stream. Fast speech runs at about 5 tokens a second.
    /// </summary>
    public double MaxTokensPerSecond { get; set; } = 8;

    /// <summary>
    /// Audio frames that may wait for the decoder. From a live source, the oldest are dropped (and counted)
    /// when the queue is full; a file played as fast as possible waits instead.
    /// </summary>
    public int AudioQueueCapacity { get; set; } = 100;

    /// <summary>
    /// Start a caption session when the host starts (the quick start's demo does). Off, captions start when a
    /// volunteer taps Start on the kiosk (or <c>POST /api/session/start</c>); the model is loaded at start-up either way.
    /// </summary>
    public bool AutoStart { get; set; } = true;

    /// <summary>
    /// A session the appliance was running when it was cut off (a crash, kill -9, a power cut, running out of memory, a
    /// restart or an update) is continued when the appliance comes back within this many seconds of the session's last
    /// sign of life: the same session, its lines numbered on, its transcript appended to, and paused if it was paused;
    /// whether or not <see cref="AutoStart"/> is on. A session ended by Stop or by the end of its audio is never
    /// continued. 0 to 3600; 0 turns it off (every start is a new session).
    /// </summary>
    public int ResumeWindowSeconds { get; set; } = 300;
}
