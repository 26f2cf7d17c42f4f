namespace LiveStt.Appliance.Captions;

/// <summary>The values of <see cref="SessionNotice.State"/>, each a sentence on the viewer's page.</summary>
public static class ViewerSessionStates
{
    /// <summary>No session yet: "Captions will start soon".</summary>
    public const string Waiting = "waiting";

    /// <summary>A volunteer pressed Start; the input is opening.</summary>
    public const string Starting = "starting";

    /// <summary>Captions are being made.</summary>
    public const string Live = "live";

    /// <summary>Paused for privacy: nothing is heard or sent until it resumes.</summary>
    public const string Paused = "paused";

    /// <summary>The session was stopped or its audio ended: "Ended — thank you".</summary>
    public const string Ended = "ended";

    /// <summary>The box cannot caption (no model, no input it can open); whoever looks after it is told why.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>What viewers are told of a session in <paramref name="sessionState"/> (a <c>SessionStates</c> value).</summary>
    /// <param name="hadSession">Whether a session has run since the box started: idle then means it ended.</param>
    public static string Of(string sessionState, bool hadSession) => sessionState switch
    {
        "starting" => Starting,
        "live" or "stopping" => Live,
        "paused" => Paused,
        "faulted" => Unavailable,
        _ => hadSession ? Ended : Waiting,
    };
}
