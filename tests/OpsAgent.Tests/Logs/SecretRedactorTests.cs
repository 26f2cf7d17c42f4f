using LiveStt.OpsAgent.Logs;

namespace LiveStt.OpsAgent.Tests.Logs;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("login with password=s3cret-value ok", "login with password=[REDACTED] ok")]
    [InlineData("\"apiKey\": \"abc123def\"", "\"apiKey\": \"[REDACTED]\"")]
    [InlineData("Authorization: Bearer eyJhbGciOi.x.y", "Authorization: Bearer [REDACTED]")]
    [InlineData("GET /v2/state/status?apikey=abcdef0123", "GET /v2/state/status?apikey=[REDACTED]")]
    [InlineData("viewer PIN: 4821", "viewer PIN: [REDACTED]")]
    [InlineData("nothing to hide here", "nothing to hide here")]
    public void Secret_assignments_are_masked(string input, string expected) =>
        new SecretRedactor([]).Redact(input).ShouldBe(expected);

    [Fact]
    public void Known_secret_values_are_masked_wherever_they_appear()
    {
        var redactor = new SecretRedactor(SecretRedactor.SecretValues(["TICKET_KEY=k3y-material-xyz", "PIN_REQUIRED=true", "MODEL=tiny"]));

        redactor.Redact("loaded k3y-material-xyz from disk").ShouldBe("loaded [REDACTED] from disk");
        redactor.Redact("flag is true").ShouldBe("flag is true");
        redactor.Redact("model tiny").ShouldBe("model tiny");
        redactor.RedactEnvironmentEntry("TICKET_KEY=k3y-material-xyz").ShouldBe("TICKET_KEY=[REDACTED]");
        redactor.RedactEnvironmentEntry("MODEL=tiny").ShouldBe("MODEL=tiny");
    }
}
