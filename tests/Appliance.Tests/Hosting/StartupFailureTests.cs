using LiveStt.Appliance.Tests.Infrastructure;

namespace LiveStt.Appliance.Tests.Hosting;

/// <summary>
/// A bad setting ends the appliance, run as its own process, with one readable message on standard error and exit
/// code 1: no stack trace, no unhandled exception (whose abort() is exit 139 in a container, where it is PID 1).
/// </summary>
public sealed class StartupFailureTests
{
    private const string SettingsSources =
        "Settings come from appsettings.json, environment variables (Section__Key) and the command line (--Section:Key=value).";

    [Fact]
    public async Task A_ticket_lifetime_out_of_range_ends_start_up_with_exit_code_1_and_one_message()
    {
        var (exitCode, output, error) = await ApplianceProcess.RunToExitAsync(
            new Dictionary<string, string> { ["Tickets__Lifetime"] = "00:05:00" },
            TimeSpan.FromSeconds(60));

        exitCode.ShouldBe(1, error);
        Lines(error).ShouldBe(
        [
            "The appliance did not start: 1 setting is not valid.",
            "  - Tickets:Lifetime must be between 00:00:01 and 00:01:00; it is 00:05:00.",
            SettingsSources,
        ]);
        output.ShouldBeEmpty("nothing but the message: no host error log, no stack trace");
    }

    [Fact]
    public async Task Errors_in_several_sections_and_a_value_that_does_not_convert_are_listed_together()
    {
        var (exitCode, output, error) = await ApplianceProcess.RunToExitAsync(
            new Dictionary<string, string>
            {
                ["Tickets__Lifetime"] = "five minutes",
                ["Audio__Source"] = "bogus",
                ["Kiosk__KeyDirectory"] = "keys",
            },
            TimeSpan.FromSeconds(60));

        exitCode.ShouldBe(1, error);
        Lines(error).ShouldBe(
        [
            "The appliance did not start: 3 settings are not valid.",
            "  - Audio:Source 'bogus' is not a known input kind; use 'wav', 'alsa', 'stream'.",
            "  - Failed to convert configuration value 'five minutes' at 'Tickets:Lifetime' to type 'System.TimeSpan'.",
            "  - Kiosk:KeyDirectory must be an absolute path; it is 'keys'.",
            SettingsSources,
        ]);
        output.ShouldBeEmpty();
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
