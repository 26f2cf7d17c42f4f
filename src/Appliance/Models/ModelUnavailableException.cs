namespace LiveStt.Appliance.Models;

/// <summary>The configured model cannot be provided: a missing file, a failed download, or a checksum mismatch.</summary>
public sealed class ModelUnavailableException : Exception
{
    public ModelUnavailableException()
    {
    }

    public ModelUnavailableException(string message)
        : base(message)
    {
    }

    public ModelUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
