using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LiveStt.Appliance.Tickets;

/// <summary>
/// The ticket's wire form: base64url(payload) "." base64url(HMAC-SHA256(key, ASCII of the first part)).
/// The payload is 25 bytes: a version byte (1), a 16-byte random id, and the expiry as big-endian Unix
/// milliseconds. Signing the encoded text rather than the decoded bytes means any change to the string,
/// even one that would decode to the same bytes, breaks the signature.
/// </summary>
internal static class TicketFormat
{
    public const byte Version = 1;
    public const int IdBytes = 16;
    public const int PayloadBytes = 1 + IdBytes + sizeof(long);
    public const char Separator = '.';

    /// <summary>Unpadded base64url lengths of the payload (25 bytes) and the signature (32 bytes).</summary>
    public const int PayloadChars = 34;
    public const int SignatureChars = 43;
    public const int TicketChars = PayloadChars + 1 + SignatureChars;

    public static string Create(TicketSigningKey key, ReadOnlySpan<byte> id, long expiresAtUnixMs)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (id.Length != IdBytes)
        {
            throw new ArgumentException($"A ticket id is {IdBytes} bytes.", nameof(id));
        }

        Span<byte> payload = stackalloc byte[PayloadBytes];
        payload[0] = Version;
        id.CopyTo(payload[1..]);
        BinaryPrimitives.WriteInt64BigEndian(payload[(1 + IdBytes)..], expiresAtUnixMs);

        Span<char> ticket = stackalloc char[TicketChars];
        Base64Url.EncodeToChars(payload, ticket[..PayloadChars]);
        ticket[PayloadChars] = Separator;
        WriteSignature(key, ticket[..PayloadChars], ticket[(PayloadChars + 1)..]);
        return new string(ticket);
    }

    /// <summary>
    /// Checks shape and signature and, only when both hold, reads the id and expiry. Says nothing about
    /// expiry or reuse; that is the validator's business.
    /// </summary>
    public static TicketVerdict TryRead(TicketSigningKey key, ReadOnlySpan<char> ticket, out UInt128 id, out long expiresAtUnixMs)
    {
        ArgumentNullException.ThrowIfNull(key);
        id = default;
        expiresAtUnixMs = default;

        if (ticket.Length != TicketChars || ticket[PayloadChars] != Separator)
        {
            return TicketVerdict.Malformed;
        }

        var payloadText = ticket[..PayloadChars];
        var signatureText = ticket[(PayloadChars + 1)..];
        if (!IsBase64UrlAlphabet(payloadText) || !IsBase64UrlAlphabet(signatureText))
        {
            return TicketVerdict.Malformed;
        }

        Span<char> expected = stackalloc char[SignatureChars];
        WriteSignature(key, payloadText, expected);
        if (!CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected), MemoryMarshal.AsBytes(signatureText)))
        {
            return TicketVerdict.BadSignature;
        }

        Span<byte> payload = stackalloc byte[PayloadBytes];
        if (!Base64Url.TryDecodeFromChars(payloadText, payload, out var written) || written != PayloadBytes || payload[0] != Version)
        {
            // Only reachable with this box's key, i.e. a ticket from a different version of the format.
            return TicketVerdict.Malformed;
        }

        id = BinaryPrimitives.ReadUInt128BigEndian(payload.Slice(1, IdBytes));
        expiresAtUnixMs = BinaryPrimitives.ReadInt64BigEndian(payload[(1 + IdBytes)..]);
        return TicketVerdict.Accepted;
    }

    private static void WriteSignature(TicketSigningKey key, ReadOnlySpan<char> payloadText, Span<char> destination)
    {
        Span<byte> ascii = stackalloc byte[PayloadChars];
        for (var i = 0; i < payloadText.Length; i++)
        {
            ascii[i] = (byte)payloadText[i];
        }

        Span<byte> mac = stackalloc byte[TicketSigningKey.SignatureBytes];
        key.Sign(ascii, mac);
        Base64Url.EncodeToChars(mac, destination);
    }

    private static bool IsBase64UrlAlphabet(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
