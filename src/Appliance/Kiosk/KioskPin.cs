using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Kiosk;

/// <summary>
/// The PIN that unlocks the kiosk. Only a hash of it is kept, compared in constant time; nothing here can print it.
/// </summary>
internal sealed class KioskPin
{
    private readonly byte[]? hash;

    public KioskPin(IOptions<KioskOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var pin = !string.IsNullOrEmpty(settings.Pin) ? settings.Pin
            : !string.IsNullOrWhiteSpace(settings.PinFile) ? ReadFile(settings.PinFile) : null;
        if (pin is not null && Problem(pin) is null)
        {
            hash = Hash(pin);
        }
    }

    /// <summary>False when the installer set no PIN: then the kiosk unlocks for nobody.</summary>
    public bool IsConfigured => hash is not null;

    /// <summary>What is wrong with <paramref name="pin"/> as a PIN, without repeating it; null when it will do.</summary>
    public static string? Problem(string pin)
    {
        ArgumentNullException.ThrowIfNull(pin);
        return pin.Length is >= KioskOptions.MinPinDigits and <= KioskOptions.MaxPinDigits && pin.All(char.IsAsciiDigit)
            ? null
            : $"must be {KioskOptions.MinPinDigits} to {KioskOptions.MaxPinDigits} digits (0-9) and nothing else; the value set is not (it is not shown).";
    }

    public static string ReadFile(string path) => File.ReadAllText(path, Encoding.UTF8).Trim();

    /// <summary>Whether <paramref name="candidate"/> is the PIN; always false when none is configured.</summary>
    public bool Matches(string? candidate)
    {
        if (hash is null || string.IsNullOrEmpty(candidate) || candidate.Length > 64)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(hash, Hash(candidate));
    }

    public override string ToString() => IsConfigured ? "kiosk PIN (set)" : "kiosk PIN (not set)";

    private static byte[] Hash(string pin) => SHA256.HashData(Encoding.UTF8.GetBytes(pin));
}
