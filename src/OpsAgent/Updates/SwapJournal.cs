namespace LiveStt.OpsAgent.Updates;

/// <summary>The persisted state of one swap in progress. Written and flushed to disk before every step.</summary>
internal sealed class SwapJournal
{
    public required string SwapId { get; init; }
    public required string Service { get; init; }
    public required string ContainerName { get; init; }
    public required string OldContainerId { get; init; }
    public required string OldImageId { get; init; }
    public required string NewImageId { get; init; }

    /// <summary>What is being installed: a registry digest or "tarball:sha256:...".</summary>
    public required string Target { get; init; }

    /// <summary>The local "repository:tag" moved to the new image when the swap commits (a registry update), or null.</summary>
    public string? TagOnCommit { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
    public string? NewContainerId { get; set; }

    /// <summary>The helper container driving this swap (self-update), or null when the agent drives it.</summary>
    public string? Owner { get; init; }
    public SwapStep Step { get; set; }

    /// <summary>Why the swap is being rolled back.</summary>
    public string? Failure { get; set; }

    /// <summary>Whether the target proved bad (so it is not retried), as opposed to a swap that was merely interrupted.</summary>
    public bool TargetFailed { get; set; }

    /// <summary>Name the new container has until it takes over the service's name.</summary>
    public string StagingName => StagingNameFor(ContainerName);

    public static string StagingNameFor(string containerName) => containerName + "-next";
}
