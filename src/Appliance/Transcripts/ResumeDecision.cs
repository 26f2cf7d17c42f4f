using System.Globalization;

namespace LiveStt.Appliance.Transcripts;

/// <summary>
/// Whether the appliance, starting, goes on with the session it was running when it was cut off (a crash, kill -9, a
/// power cut, running out of memory, a restart): only the newest transcript counts, only if its session was not ended
/// by a volunteer or by its audio (an end at shutdown does not count), and only if it was alive within the window.
/// </summary>
/// <param name="Transcript">The transcript to go on with; null for a new session.</param>
/// <param name="Reason">Why, in words, for the log.</param>
internal sealed record ResumeDecision(TranscriptTail? Transcript, string Reason)
{
    /// <summary>A transcript stamped a little after now is a clock that moved, not a session from the future.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(5);

    public bool Resume => Transcript is not null;

    /// <summary>Looks at the newest transcript in <paramref name="directory"/> at <paramref name="now"/>.</summary>
    /// <param name="window">How long ago the session may last have been alive; zero turns resuming off.</param>
    public static ResumeDecision Decide(string? directory, DateTimeOffset now, TimeSpan window)
    {
        if (window <= TimeSpan.Zero)
        {
            return new(null, "resuming is off");
        }

        if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(directory))
        {
            return new(null, "no transcripts are kept");
        }

        var newest = Directory.EnumerateFiles(directory, "*" + TranscriptFormat.Extension)
            .Where(path => TranscriptFormat.IsSessionId(IdOf(path)))
            .Order(StringComparer.Ordinal)
            .LastOrDefault();
        if (newest is null)
        {
            return new(null, "there is no earlier session");
        }

        TranscriptTail? tail;
        try
        {
            tail = TranscriptTail.Read(newest);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new(null, $"the last session's transcript {Path.GetFileName(newest)} cannot be read: {ex.Message}");
        }

        return Decide(tail, now, window, Path.GetFileName(newest));
    }

    /// <summary>The decision for <paramref name="tail"/>, the newest transcript (named <paramref name="name"/>), at <paramref name="now"/>.</summary>
    public static ResumeDecision Decide(TranscriptTail? tail, DateTimeOffset now, TimeSpan window, string name)
    {
        if (tail is null)
        {
            return new(null, $"the last transcript {name} has no session record");
        }

        if (tail.EndReason is { } reason && reason != TranscriptFormat.EndShutdown)
        {
            return new(null, $"the last session {tail.SessionId} ended ({reason})");
        }

        var age = now - tail.LastActiveAt;
        if (age < -ClockSlack)
        {
            return new(null, string.Create(CultureInfo.InvariantCulture, $"the last session {tail.SessionId} was written at {tail.LastActiveAt:O}, after the clock's {now:O}"));
        }

        if (age > window)
        {
            return new(null, string.Create(CultureInfo.InvariantCulture, $"the last session {tail.SessionId} was last alive {age.TotalSeconds:F0} s ago, longer than the {window.TotalSeconds:F0} s to resume within"));
        }

        return new(tail, string.Create(CultureInfo.InvariantCulture, $"the last session {tail.SessionId} was cut off, last alive {Math.Max(0, age.TotalSeconds):F0} s ago"));
    }

    private static string IdOf(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var dash = name.LastIndexOf('-');
        return dash < 0 ? string.Empty : name[(dash + 1)..];
    }
}
