using LiveStt.Appliance.Kiosk;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Tests.Kiosk;

public sealed class KioskOptionsValidatorTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("livestt-kiosk-options-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void The_defaults_are_valid_and_set_no_pin()
    {
        var options = new KioskOptions();

        new KioskOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
        options.SessionIdleMinutes.ShouldBe(60);
        options.KeyDirectory.ShouldBe("/data/keys");
        new KioskPin(Options.Create(options)).IsConfigured.ShouldBeFalse();
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("000000000000")]
    public void A_pin_of_4_to_12_digits_is_accepted(string pin)
    {
        var options = new KioskOptions { Pin = pin };

        new KioskOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
        var kioskPin = new KioskPin(Options.Create(options));
        kioskPin.Matches(pin).ShouldBeTrue();
        kioskPin.Matches(pin + "0").ShouldBeFalse();
        kioskPin.ToString().ShouldBe("kiosk PIN (set)");
    }

    [Fact]
    public void Every_problem_is_listed_and_no_message_repeats_the_pin()
    {
        var result = new KioskOptionsValidator().Validate(null, new KioskOptions { Pin = "12a4", SessionIdleMinutes = 0, KeyDirectory = "keys" });

        result.Failures.ShouldBe(
        [
            "Kiosk:Pin must be 4 to 12 digits (0-9) and nothing else; the value set is not (it is not shown).",
            "Kiosk:SessionIdleMinutes must be between 1 and 1440; it is 0.",
            "Kiosk:KeyDirectory must be an absolute path; it is 'keys'.",
        ]);
        string.Join('\n', result.Failures!).ShouldNotContain("12a4");
    }

    [Fact]
    public void A_pin_file_is_read_trimmed_and_checked_without_showing_its_content()
    {
        var good = Path.Combine(directory, "pin");
        File.WriteAllText(good, "  482915\n");
        var bad = Path.Combine(directory, "bad-pin");
        File.WriteAllText(bad, "48 2915\n");
        var missing = Path.Combine(directory, "missing");

        new KioskPin(Options.Create(new KioskOptions { PinFile = good })).Matches("482915").ShouldBeTrue();
        new KioskOptionsValidator().Validate(null, new KioskOptions { PinFile = good }).Succeeded.ShouldBeTrue();
        new KioskOptionsValidator().Validate(null, new KioskOptions { PinFile = bad }).Failures.ShouldBe(
            [$"Kiosk:PinFile '{bad}': the PIN in it must be 4 to 12 digits (0-9) and nothing else; the value set is not (it is not shown)."]);
        new KioskOptionsValidator().Validate(null, new KioskOptions { PinFile = missing }).Failures.ShouldBe([$"Kiosk:PinFile '{missing}' does not exist."]);
        new KioskOptionsValidator().Validate(null, new KioskOptions { Pin = "1234", PinFile = good }).Failures.ShouldBe(["Kiosk:Pin and Kiosk:PinFile are both set; set one of them."]);
    }
}
