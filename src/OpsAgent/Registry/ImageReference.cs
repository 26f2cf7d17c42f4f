namespace LiveStt.OpsAgent.Registry;

/// <summary>A parsed image reference: registry host, repository path, and tag or digest.</summary>
internal sealed record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    private const string DockerHub = "docker.io";

    /// <summary>Repository as Docker names it locally (without the Docker Hub host).</summary>
    public string LocalRepository => Registry == DockerHub ? Repository : $"{Registry}/{Repository}";

    /// <summary>The reference pinned to a digest, as used to pull exactly that image.</summary>
    public string WithDigest(string digest) => $"{LocalRepository}@{digest}";

    public override string ToString() =>
        Digest is not null ? $"{LocalRepository}@{Digest}" : $"{LocalRepository}:{Tag}";

    public static bool TryParse(string? text, out ImageReference? reference, out string? error)
    {
        reference = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text) || text.Any(char.IsWhiteSpace))
        {
            error = "an image reference is required and may not contain spaces.";
            return false;
        }
        string? digest = null;
        var rest = text;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!digest.StartsWith("sha256:", StringComparison.Ordinal) || digest.Length != 71)
            {
                error = "the digest must be sha256:<64 hex digits>.";
                return false;
            }
        }
        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
        }
        var firstSlash = rest.IndexOf('/', StringComparison.Ordinal);
        string registry;
        string repository;
        if (firstSlash > 0 && (rest[..firstSlash].Contains('.', StringComparison.Ordinal) || rest[..firstSlash].Contains(':', StringComparison.Ordinal) || rest[..firstSlash] == "localhost"))
        {
            registry = rest[..firstSlash];
            repository = rest[(firstSlash + 1)..];
        }
        else
        {
            registry = DockerHub;
            repository = rest.Contains('/', StringComparison.Ordinal) ? rest : $"library/{rest}";
        }
        if (repository.Length == 0 || repository.Any(c => char.IsAsciiLetterUpper(c)))
        {
            error = "the repository must be non-empty and lower case.";
            return false;
        }
        if (tag is null && digest is null)
        {
            tag = "latest";
        }
        reference = new ImageReference(registry, repository, tag, digest);
        return true;
    }

    public static ImageReference Parse(string text) =>
        TryParse(text, out var reference, out var error) ? reference! : throw new FormatException($"'{text}': {error}");
}
