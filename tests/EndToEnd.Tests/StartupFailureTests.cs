using LiveStt.EndToEnd.Tests.Infrastructure;

namespace LiveStt.EndToEnd.Tests;

/// <summary>
/// A bad setting ends the appliance's container with exit code 1 and one readable message. In the container the
/// appliance is PID 1: an unhandled exception's abort() sends a SIGABRT the kernel drops for PID 1, and glibc then
/// halts on an illegal instruction, so the same error used to end it with 139 (a segmentation fault) where the
/// process run on the host ended with 134.
/// </summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task A_ticket_lifetime_out_of_range_ends_the_container_with_exit_code_1_and_one_message()
    {
        var image = await ApplianceContainer.ImageAsync();

        var (exitCode, stdout, stderr) = await ExternalTool.ExecAsync(
            "docker",
            ["run", "--rm", "--network", "none", "-e", "Tickets__Lifetime=00:05:00", image],
            TimeSpan.FromMinutes(2));

        exitCode.ShouldBe(1, stderr);
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(
        [
            "The appliance did not start: 1 setting is not valid.",
            "  - Tickets:Lifetime must be between 00:00:01 and 00:01:00; it is 00:05:00.",
            "Settings come from appsettings.json, environment variables (Section__Key) and the command line (--Section:Key=value).",
        ]);
        stdout.ShouldBeEmpty("nothing but the message: no host error log, no stack trace");
    }
}
