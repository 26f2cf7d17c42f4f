namespace LiveStt.Appliance.Kiosk;

/// <summary>The volunteers' kiosk at <c>/kiosk</c>: who may unlock it and for how long. Bound from the "Kiosk" section.</summary>
public sealed class KioskOptions
{
    public const string SectionName = "Kiosk";

    /// <summary>Shortest PIN accepted.</summary>
    public const int MinPinDigits = 4;

    /// <summary>Longest PIN accepted.</summary>
    public const int MaxPinDigits = 12;

    /// <summary>
    /// The PIN that unlocks the kiosk, 4 to 12 digits. Set it, or <see cref="PinFile"/>, when the box is installed; with
    /// neither the kiosk unlocks for nobody. Never logged and never returned.
    /// </summary>
    public string? Pin { get; set; }

    /// <summary>A file holding the PIN (surrounding white space ignored), e.g. a Docker secret; instead of <see cref="Pin"/>.</summary>
    public string? PinFile { get; set; }

    /// <summary>
    /// Minutes without a request from the kiosk after which it locks again (1 to 1440). The lock is checked when the
    /// page next asks for something, and the kiosk's live connection closes when it expires.
    /// </summary>
    public int SessionIdleMinutes { get; set; } = 60;

    /// <summary>
    /// Host names the kiosk is refused through: a request whose Host is one of these (or, for an entry "*.domain", any
    /// name under domain) can neither unlock the kiosk nor use a session unlocked elsewhere (403). For a public address
    /// that forwards to the box, such as balenaCloud's public device URL ("*.balena-devices.com"), so the kiosk stays
    /// on the local network while phones can still read captions through it.
    /// </summary>
    public IList<string> RefusedHosts { get; } = [];

    /// <summary>
    /// Where ASP.NET Core keeps the keys that sign the kiosk's cookies and anti-forgery tokens, so an unlocked kiosk
    /// stays unlocked across a restart or an update. Empty keeps them in memory (every restart locks the kiosk).
    /// </summary>
    public string? KeyDirectory { get; set; } = "/data/keys";
}
