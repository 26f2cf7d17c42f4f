using LiveStt.Appliance.Tickets;

namespace LiveStt.Appliance.Tests.Tickets;

public sealed class TicketOptionsValidatorTests
{
    private readonly TicketOptionsValidator _validator = new();

    [Fact]
    public void Defaults_are_valid()
    {
        _validator.Validate(null, new TicketOptions()).Succeeded.ShouldBeTrue();
        new TicketOptions().Lifetime.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(500)]
    [InlineData(61_000)]
    public void A_lifetime_outside_one_to_sixty_seconds_is_refused(int milliseconds)
    {
        var result = _validator.Validate(null, new TicketOptions { Lifetime = TimeSpan.FromMilliseconds(milliseconds) });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldNotBeNull().ShouldContain("Tickets:Lifetime");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = _validator.Validate(null, new TicketOptions
        {
            Lifetime = TimeSpan.FromMinutes(5),
            KeyFile = "/nonexistent/ticket.key",
            MaxRememberedTickets = 0,
            PermitsPerMinutePerAddress = 0,
            BurstPerAddress = 0,
        });

        result.Failures.ShouldNotBeNull().Count().ShouldBe(5);
    }

    [Fact]
    public void A_key_file_must_hold_at_least_32_bytes()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[31]);
            _validator.Validate(null, new TicketOptions { KeyFile = path }).FailureMessage.ShouldNotBeNull().ShouldContain("31 bytes");

            File.WriteAllBytes(path, new byte[32]);
            _validator.Validate(null, new TicketOptions { KeyFile = path }).Succeeded.ShouldBeTrue();
            TicketSigningKey.FromOptions(new TicketOptions { KeyFile = path }).FromFile.ShouldBeTrue();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_key_never_shows_in_its_text_form()
    {
        var keyBytes = new byte[32];
        Array.Fill(keyBytes, (byte)'k');
        var key = new TicketSigningKey(keyBytes);

        key.ToString().ShouldNotContain("kkkk");
        key.ToString().ShouldNotContain(Convert.ToBase64String(keyBytes));
    }
}
