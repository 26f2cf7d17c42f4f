namespace LiveStt.OpsAgent.Hosting;

/// <summary>One container the agent keeps up to date.</summary>
internal sealed class ManagedServiceOptions
{
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

    /// <summary>Name of the helper container that swaps the agent's own container.</summary>
    public string UpdaterContainerName => ContainerName + "-updater";
}
