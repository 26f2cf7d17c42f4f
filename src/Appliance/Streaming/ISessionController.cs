namespace LiveStt.Appliance.Streaming;

/// <summary>
/// Starts, stops, pauses and resumes the caption session, one command at a time: two taps on Start make one
/// session. Each command returns once it has taken effect, with the session as it then is; a command that is
/// already in effect (Start while live, Stop while stopped) changes nothing.
/// </summary>
public interface ISessionController : ICaptionSessionState
{
    /// <summary>Starts a new session (loading the model first only if it is not loaded yet).</summary>
    Task<SessionSnapshot> StartSessionAsync(CancellationToken cancellationToken);

    /// <summary>Ends the session: the last words heard are decoded and committed, then the transcript is closed.</summary>
    Task<SessionSnapshot> StopSessionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Pauses for privacy: from this moment nothing is decoded, stored or sent, and the input is closed; viewers are
    /// told at once. Text not yet committed is dropped.
    /// </summary>
    /// <exception cref="SessionCommandException">There is no live session to pause.</exception>
    Task<SessionSnapshot> PauseSessionAsync(CancellationToken cancellationToken);

    /// <summary>Resumes a paused session: the same session, its lines numbered on, its transcript continued.</summary>
    /// <exception cref="SessionCommandException">There is no paused session to resume.</exception>
    Task<SessionSnapshot> ResumeSessionAsync(CancellationToken cancellationToken);
}
