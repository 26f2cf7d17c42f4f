namespace LiveStt.Appliance.Interop.Alsa;

/// <summary>ALSA refused an operation; <see cref="Exception.Message"/> is meant for whoever runs the box.</summary>
public sealed class AlsaException : Exception
{
    public AlsaException()
    {
    }

    public AlsaException(string message)
        : base(message)
    {
    }

    public AlsaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AlsaException(string message, int error)
        : base(message)
    {
        Error = error;
    }

    /// <summary>The negative errno alsa-lib returned, or 0 when the problem is not an ALSA error code.</summary>
    public int Error { get; }
}
