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

    /// <summary>The host is shutting the session down.</summary>
    public const string Stopping = "stopping";

    /// <summary>The session failed; <see cref="SessionSnapshot.Error"/> says why.</summary>
    public const string Faulted = "faulted";
}
