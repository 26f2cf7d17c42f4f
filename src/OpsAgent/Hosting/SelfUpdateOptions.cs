namespace LiveStt.OpsAgent.Hosting;

/// <summary>
/// Set (through the environment) only on the helper container that swaps the agent's own container;
/// bound from "OpsAgent:SelfUpdate". Its presence makes the process run as that helper instead of the agent.
/// </summary>
internal sealed class SelfUpdateOptions
{
    public const string SectionName = "OpsAgent:SelfUpdate";

    /// <summary>The managed service (the agent) to swap.</summary>
    public string? Service { get; set; }

    /// <summary>ID of the image to swap in (the helper's own image).</summary>
    public string? ImageId { get; set; }

    /// <summary>The registry digest being installed.</summary>
    public string? Target { get; set; }

    /// <summary>ID of the agent container being replaced.</summary>
    public string? OldContainerId { get; set; }
}
