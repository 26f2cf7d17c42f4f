using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// The platform (os/arch[/variant]) updates are pulled for: the Platform setting, or else the engine's own, read once
/// from its /version. Asking for it explicitly, rather than leaving the choice to the engine, makes a multi-arch tag
/// resolve the same way on every box, and lets a pulled image be checked against it before it is swapped in.
/// </summary>
internal sealed partial class PullPlatform(IDockerClient docker, IOptions<OpsAgentOptions> options)
{
    private string? _platform;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_platform is not null)
        {
            return _platform;
        }
        if (!string.IsNullOrWhiteSpace(options.Value.Platform))
        {
            return _platform = options.Value.Platform;
        }
        var version = await docker.System.GetVersionAsync(cancellationToken);
        return _platform = $"{version.Os}/{version.Arch}";
    }

    /// <summary>Whether a value is an os/arch or os/arch/variant platform as Docker writes them (linux/arm64, linux/arm/v7).</summary>
    public static bool IsValid(string platform) => PlatformPattern().IsMatch(platform);

    /// <summary>Whether an image is for the platform: os and architecture exactly, and the variant when the platform names one.</summary>
    public static bool Matches(string platform, ImageInspectResponse image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var parts = platform.Split('/');
        return string.Equals(image.Os, parts[0], StringComparison.Ordinal)
            && string.Equals(image.Architecture, parts[1], StringComparison.Ordinal)
            && (parts.Length < 3 || string.Equals(image.Variant, parts[2], StringComparison.Ordinal));
    }

    /// <summary>The platform an image is for, written as Docker writes platforms.</summary>
    public static string Of(ImageInspectResponse image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return string.IsNullOrEmpty(image.Variant) ? $"{image.Os}/{image.Architecture}" : $"{image.Os}/{image.Architecture}/{image.Variant}";
    }

    [GeneratedRegex("^[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlatformPattern();
}
