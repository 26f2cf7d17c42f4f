namespace LiveStt.OpsAgent.Offline;

/// <summary>What a valid image tarball holds: its image ID (the config's digest), tags and platform.</summary>
internal sealed record ImageTarball(string ImageId, IReadOnlyList<string> RepoTags, string Architecture, string Os);
