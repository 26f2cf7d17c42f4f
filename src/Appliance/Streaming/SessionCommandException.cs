namespace LiveStt.Appliance.Streaming;

/// <summary>A session command that does not fit the session's state (pause with nothing live); the message says why.</summary>
public sealed class SessionCommandException : Exception
{
    public SessionCommandException()
    {
    }

    public SessionCommandException(string message)
        : base(message)
    {
    }

    public SessionCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
