using System.Text.RegularExpressions;

namespace LiveStt.OpsAgent.Registry;

/// <summary>A parsed image reference: registry host, repository path, and tag or digest.</summary>
/// <remarks>
/// Parsing follows Docker's reference grammar and nothing looser: references come from settings and from the
/// manifests of uploaded tarballs, and the repository becomes part of registry URLs, so a ".." component, a
/// look-alike letter or a control character is refused rather than passed on.
/// </remarks>
internal sealed partial record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    private const string DockerHub = "docker.io";
    private const int MaxNameLength = 255;

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
            if (!DigestPattern().IsMatch(digest))
            {
                error = "the digest must be sha256:<64 lower-case hex digits>.";
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
            if (!TagPattern().IsMatch(tag))
            {
                error = "the tag must be 1 to 128 letters, digits, '_', '.' or '-', and not start with '.' or '-'.";
                return false;
            }
        }
        if (rest.Length > MaxNameLength)
        {
            error = $"the name is longer than {MaxNameLength} characters.";
            return false;
        }
        var firstSlash = rest.IndexOf('/', StringComparison.Ordinal);
        string registry;
        string repository;
        if (firstSlash > 0 && (rest[..firstSlash].Contains('.', StringComparison.Ordinal) || rest[..firstSlash].Contains(':', StringComparison.Ordinal) || rest[..firstSlash] == "localhost"))
        {
            registry = rest[..firstSlash];
            repository = rest[(firstSlash + 1)..];
            if (!RegistryPattern().IsMatch(registry))
            {
                error = "the registry must be a host name or IPv4 address, with a port if it needs one.";
                return false;
            }
        }
        else
        {
            registry = DockerHub;
            repository = rest.Contains('/', StringComparison.Ordinal) ? rest : $"library/{rest}";
        }
        if (!RepositoryPattern().IsMatch(repository))
        {
            error = "the repository must be lower-case letters and digits, in parts joined by '.', '_', '__' or '-', separated by '/'.";
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

    // ASCII classes only (no \w or \d, which take any script's letters and digits), anchored with \z, which unlike $
    // does not let a trailing newline through.
    [GeneratedRegex(@"^sha256:[0-9a-f]{64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegistryPattern();

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();
}
