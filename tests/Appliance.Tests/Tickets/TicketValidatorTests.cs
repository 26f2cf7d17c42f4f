using System.Security.Cryptography;
using LiveStt.Appliance.Tickets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveStt.Appliance.Tests.Tickets;

public sealed class TicketValidatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TicketSigningKey _key = TicketSigningKey.Generate();
    private readonly TicketIssuer _issuer;
    private readonly TicketValidator _validator;

    public TicketValidatorTests()
    {
        _issuer = new TicketIssuer(_key, Options.Create(new TicketOptions { Lifetime = TimeSpan.FromSeconds(30) }), _time);
        _validator = new TicketValidator(_key, new UsedTicketRegistry(capacity: 100), _time, NullLogger<TicketValidator>.Instance);
    }

    [Fact]
    public void A_fresh_ticket_is_accepted_once()
    {
        var ticket = _issuer.Issue();

        _validator.Check(ticket.Ticket).ShouldBe(TicketVerdict.Accepted);
        _validator.Redeem(ticket.Ticket).ShouldBe(TicketVerdict.Accepted);
    }

    [Fact]
    public void A_ticket_expires_after_its_lifetime()
    {
        var ticket = _issuer.Issue();
        ticket.ExpiresAt.ShouldBe(_time.GetUtcNow() + TimeSpan.FromSeconds(30));

        _time.Advance(TimeSpan.FromSeconds(29.999));
        _validator.Check(ticket.Ticket).ShouldBe(TicketVerdict.Accepted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        _validator.Check(ticket.Ticket).ShouldBe(TicketVerdict.Expired);
        _validator.Redeem(ticket.Ticket).ShouldBe(TicketVerdict.Expired);
    }

    [Fact]
    public void A_redeemed_ticket_is_refused_on_every_later_attempt()
    {
        var ticket = _issuer.Issue();
        _validator.Redeem(ticket.Ticket).ShouldBe(TicketVerdict.Accepted);

        _validator.Check(ticket.Ticket).ShouldBe(TicketVerdict.AlreadyUsed);
        _validator.Redeem(ticket.Ticket).ShouldBe(TicketVerdict.AlreadyUsed);
        _time.Advance(TimeSpan.FromSeconds(10));
        _validator.Redeem(ticket.Ticket).ShouldBe(TicketVerdict.AlreadyUsed);
    }

    [Fact]
    public void Checking_does_not_use_a_ticket_up()
    {
        var ticket = _issuer.Issue();

        _validator.Check(ticket.Ticket).ShouldBe(TicketVerdict.Accepted);
        _validator.Check(ticket.Ticket).ShouldBe(TicketVerdict.Accepted);
        _validator.Redeem(ticket.Ticket).ShouldBe(TicketVerdict.Accepted);
    }

    [Fact]
    public void Each_issued_ticket_is_distinct_and_independently_redeemable()
    {
        var first = _issuer.Issue();
        var second = _issuer.Issue();

        first.Ticket.ShouldNotBe(second.Ticket);
        _validator.Redeem(first.Ticket).ShouldBe(TicketVerdict.Accepted);
        _validator.Redeem(second.Ticket).ShouldBe(TicketVerdict.Accepted);
    }

    [Fact]
    public void A_ticket_signed_with_another_key_is_refused()
    {
        var otherIssuer = new TicketIssuer(TicketSigningKey.Generate(), Options.Create(new TicketOptions()), _time);
        var forged = otherIssuer.Issue();

        _validator.Check(forged.Ticket).ShouldBe(TicketVerdict.BadSignature);
        _validator.Redeem(forged.Ticket).ShouldBe(TicketVerdict.BadSignature);
    }

    [Fact]
    public void A_ticket_whose_expiry_was_pushed_back_is_refused()
    {
        var ticket = _issuer.Issue();
        var parts = ticket.Ticket.Split('.');
        var payload = Convert.FromBase64String(ToBase64(parts[0]));
        payload[^1] ^= 0x01; // the lowest byte of the expiry
        var tampered = System.Buffers.Text.Base64Url.EncodeToString(payload) + "." + parts[1];

        tampered.ShouldNotBe(ticket.Ticket);
        _validator.Redeem(tampered).ShouldBe(TicketVerdict.BadSignature);
    }

    [Fact]
    public void A_ticket_with_any_single_character_changed_is_refused()
    {
        var ticket = _issuer.Issue().Ticket;
        for (var i = 0; i < ticket.Length; i++)
        {
            if (ticket[i] == '.')
            {
                continue;
            }

            var altered = string.Concat(ticket.AsSpan(0, i), ticket[i] == 'A' ? "B" : "A", ticket.AsSpan(i + 1));
            _validator.Check(altered).ShouldBe(TicketVerdict.BadSignature, $"character {i} changed");
        }

        _validator.Redeem(ticket).ShouldBe(TicketVerdict.Accepted);
    }

    [Fact]
    public void A_random_signature_is_refused()
    {
        var ticket = _issuer.Issue().Ticket;
        var payloadPart = ticket[..ticket.IndexOf('.', StringComparison.Ordinal)];
        var guessed = payloadPart + "." + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

        _validator.Redeem(guessed).ShouldBe(TicketVerdict.BadSignature);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void No_ticket_is_missing(string? ticket)
    {
        _validator.Check(ticket).ShouldBe(TicketVerdict.Missing);
        _validator.Redeem(ticket).ShouldBe(TicketVerdict.Missing);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("not-a-ticket")]
    [InlineData(".")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")]
    public void Strings_not_shaped_like_a_ticket_are_malformed(string ticket)
    {
        _validator.Redeem(ticket).ShouldBe(TicketVerdict.Malformed);
    }

    [Fact]
    public void Right_length_but_wrong_shape_is_malformed()
    {
        var ticket = _issuer.Issue().Ticket;

        _validator.Redeem(ticket.Replace('.', 'x')).ShouldBe(TicketVerdict.Malformed);
        _validator.Redeem(ticket + "=").ShouldBe(TicketVerdict.Malformed);
        _validator.Redeem(ticket[..^1]).ShouldBe(TicketVerdict.Malformed);
        _validator.Redeem(string.Concat(ticket.AsSpan(0, 5), "+", ticket.AsSpan(6))).ShouldBe(TicketVerdict.Malformed);
        _validator.Redeem(string.Concat(ticket.AsSpan(0, ticket.Length - 5), " ", ticket.AsSpan(ticket.Length - 4))).ShouldBe(TicketVerdict.Malformed);
        _validator.Redeem(new string('A', ticket.Length)).ShouldBe(TicketVerdict.Malformed);
        _validator.Redeem(ticket).ShouldBe(TicketVerdict.Accepted);
    }

    [Fact]
    public void A_genuine_ticket_of_an_unknown_format_version_is_malformed()
    {
        var payload = new byte[TicketFormat.PayloadBytes];
        payload[0] = TicketFormat.Version + 1;
        var payloadText = System.Buffers.Text.Base64Url.EncodeToString(payload);
        var signature = new byte[32];
        SignAscii(payloadText, signature);

        _validator.Redeem(payloadText + "." + System.Buffers.Text.Base64Url.EncodeToString(signature)).ShouldBe(TicketVerdict.Malformed);
    }

    [Fact]
    public void Redeeming_stops_when_the_registry_is_full_and_resumes_as_tickets_expire()
    {
        var validator = new TicketValidator(_key, new UsedTicketRegistry(capacity: 2), _time, NullLogger<TicketValidator>.Instance);
        var first = _issuer.Issue();
        _time.Advance(TimeSpan.FromSeconds(10));
        var second = _issuer.Issue();
        var third = _issuer.Issue();

        validator.Redeem(first.Ticket).ShouldBe(TicketVerdict.Accepted);
        validator.Redeem(second.Ticket).ShouldBe(TicketVerdict.Accepted);
        validator.Redeem(third.Ticket).ShouldBe(TicketVerdict.TooManyInFlight);

        _time.Advance(TimeSpan.FromSeconds(20)); // the first ticket expires; its slot is freed
        validator.Redeem(third.Ticket).ShouldBe(TicketVerdict.Accepted);
        validator.Redeem(second.Ticket).ShouldBe(TicketVerdict.AlreadyUsed);
    }

    private void SignAscii(string text, Span<byte> signature) =>
        _key.Sign(System.Text.Encoding.ASCII.GetBytes(text), signature);

    private static string ToBase64(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
