namespace LiveStt.Appliance.Streaming;

/// <summary>The values of <see cref="SessionSnapshot.State"/>.</summary>
public static class SessionStates
{
    /// <summary>No session: not started, or the last one ended.</summary>
    public const string Idle = "idle";

    /// <summary>Resolving and loading the model, opening the audio.</summary>
    public const string Starting = "starting";

    /// <summary>Audio is flowing and captions are being produced.</summary>
    public const string Live = "live";

    /// <summary>Paused for privacy: the input is closed and nothing is decoded, stored or sent until it resumes.</summary>
    public const string Paused = "paused";

    /// <summary>The session is ending: the last words are being decoded and committed.</summary>
    public const string Stopping = "stopping";

    /// <summary>The session failed; <see cref="SessionSnapshot.Error"/> says why.</summary>
    public const string Faulted = "faulted";
}
