namespace LiveStt.OpsAgent.Registry;

/// <summary>The registry could not tell a tag's digest.</summary>
internal sealed class RegistryException : Exception
{
    public RegistryException() { }
    public RegistryException(string message) : base(message) { }
    public RegistryException(string message, Exception inner) : base(message, inner) { }
}
