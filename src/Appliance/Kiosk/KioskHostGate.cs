using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Kiosk;

/// <summary>
/// Whether a request came in through a host name the kiosk is refused through (<see cref="KioskOptions.RefusedHosts"/>).
/// The Host header is what a forwarding proxy routes by, so a request through the public address carries that name; a
/// client on the local network could send another, but it could reach the kiosk directly anyway.
/// </summary>
internal sealed class KioskHostGate(IOptions<KioskOptions> options)
{
    public const string Refusal =
        "The kiosk is not offered through this address (Kiosk__RefusedHosts). Open it on the box's own address, on the local network.";

    public bool Refuses(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }
        var name = host.Host.TrimEnd('.');
        foreach (var pattern in options.Value.RefusedHosts)
        {
            if (pattern.StartsWith("*.", StringComparison.Ordinal)
                ? name.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
                : string.Equals(name, pattern, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A host name, or "*." and a domain: letters, digits, '-' and dots, nothing else.</summary>
    public static bool IsPattern(string? pattern)
    {
        var name = pattern is not null && pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        return !string.IsNullOrEmpty(name)
            && name.Split('.').All(label => label.Length is > 0 and <= 63 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
    }
}
