using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Tickets;

/// <summary>Issues tickets: random id, expiry <see cref="TicketOptions.Lifetime"/> from now, signed.</summary>
internal sealed class TicketIssuer(TicketSigningKey key, IOptions<TicketOptions> options, TimeProvider time)
{
    private readonly TimeSpan _lifetime = options.Value.Lifetime;

    public IssuedTicket Issue()
    {
        Span<byte> id = stackalloc byte[TicketFormat.IdBytes];
        RandomNumberGenerator.Fill(id);
        var expiresAtUnixMs = (time.GetUtcNow() + _lifetime).ToUnixTimeMilliseconds();
        return new IssuedTicket(
            TicketFormat.Create(key, id, expiresAtUnixMs),
            DateTimeOffset.FromUnixTimeMilliseconds(expiresAtUnixMs));
    }
}
