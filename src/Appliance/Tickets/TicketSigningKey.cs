using System.Security.Cryptography;

namespace LiveStt.Appliance.Tickets;

/// <summary>
/// The HMAC-SHA256 key tickets are signed with. It only signs; the bytes never leave this type, so
/// nothing can log or return them by accident.
/// </summary>
internal sealed class TicketSigningKey
{
    public const int MinimumKeyBytes = 32;
    public const int MaximumKeyBytes = 4096;
    public const int SignatureBytes = HMACSHA256.HashSizeInBytes;

    private readonly byte[] _key;

    public TicketSigningKey(ReadOnlySpan<byte> key)
    {
        if (key.Length is < MinimumKeyBytes or > MaximumKeyBytes)
        {
            throw new ArgumentException($"A ticket key must be {MinimumKeyBytes} to {MaximumKeyBytes} bytes long.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>True when the key was read from <see cref="TicketOptions.KeyFile"/>, false when generated.</summary>
    public bool FromFile { get; private init; }

    public static TicketSigningKey Generate() => new(RandomNumberGenerator.GetBytes(MinimumKeyBytes));

    public static TicketSigningKey FromOptions(TicketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(options.KeyFile)
            ? Generate()
            : new TicketSigningKey(File.ReadAllBytes(options.KeyFile)) { FromFile = true };
    }

    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature) => HMACSHA256.HashData(_key, data, signature);

    public override string ToString() => FromFile ? "ticket key (from file)" : "ticket key (generated)";
}
