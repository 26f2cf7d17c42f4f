namespace LiveStt.OpsAgent.Hosting;

/// <summary>One container the agent keeps up to date.</summary>
internal sealed class ManagedServiceOptions
{
    /// <summary>The longest service name: names appear in URLs, metric labels and state file names.</summary>
    public const int MaxNameLength = 64;

    /// <summary>What a service name may be, in settings and in requests alike.</summary>
    public const string NameRule = "1 to 64 letters, digits, '-' or '_'";

    /// <summary>Short name used in the API, history and metrics (for example "appliance").</summary>
    public string Name { get; set; } = "";

    /// <summary>Name of the Docker container that runs the service; the agent keeps this name across swaps.</summary>
    public string ContainerName { get; set; } = "";

    /// <summary>Image reference with tag whose digest the agent follows, e.g. "registry.example:5000/livestt/appliance:stable".</summary>
    public string Image { get; set; } = "";

    /// <summary>When true, updates wait while captions are live (the appliance itself).</summary>
    public bool WaitForIdleSession { get; set; }

    /// <summary>
    /// This is the agent's own container. The agent cannot stop itself and watch its successor, so the swap is
    /// run by a short-lived helper container started from the new image, with the same journal and rollback.
    /// </summary>
    public bool IsAgent { get; set; }

    /// <summary>Whether a name keeps to <see cref="NameRule"/> (ASCII only, so no look-alike letters).</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Name of the helper container that swaps the agent's own container.</summary>
    public string UpdaterContainerName => ContainerName + "-updater";
}
