using System.Diagnostics;

// Not LiveStt.OpsAgent.Tests.Hosting: a namespace of that name would hide LiveStt.OpsAgent.Hosting from the
// other tests, which name its types as Hosting.OpsAgentOptions.
namespace LiveStt.OpsAgent.Tests;

/// <summary>
/// A bad setting ends the built agent, run as its own process the way its container runs it, with one readable
/// message on standard error and exit code 1: no stack trace, no unhandled exception (whose abort() is exit 139 in
/// a container, where the agent is PID 1).
/// </summary>
public sealed class StartupFailureTests
{
    private const string SettingsSources =
        "Settings come from appsettings.json, environment variables (Section__Key) and the command line (--Section:Key=value).";

    [Fact]
    public async Task A_negative_healthy_timeout_and_no_api_token_end_start_up_with_exit_code_1_and_both_errors()
    {
        var (exitCode, output, error) = await RunToExitAsync(new Dictionary<string, string> { ["OpsAgent__HealthyTimeout"] = "-00:00:01" });

        exitCode.ShouldBe(1, error);
        Lines(error).ShouldBe(
        [
            "The ops agent did not start: 2 settings are not valid.",
            "  - OpsAgent:ApiToken or OpsAgent:ApiTokenFile is required: every endpoint but /healthz needs a token.",
            "  - OpsAgent:HealthyTimeout must be positive.",
            SettingsSources,
        ]);
        output.ShouldBeEmpty("nothing but the message: no host error log, no stack trace");
    }

    [Fact]
    public async Task A_value_that_does_not_convert_ends_start_up_with_exit_code_1_and_names_the_setting()
    {
        var (exitCode, output, error) = await RunToExitAsync(new Dictionary<string, string>
        {
            ["OpsAgent__ApiToken"] = "opsagent-test-token-3f9c2a7d41e8",
            ["OpsAgent__HealthyTimeout"] = "five minutes",
        });

        exitCode.ShouldBe(1, error);
        Lines(error).ShouldBe(
        [
            "The ops agent did not start: 1 setting is not valid.",
            "  - Failed to convert configuration value 'five minutes' at 'OpsAgent:HealthyTimeout' to type 'System.TimeSpan'.",
            SettingsSources,
        ]);
        output.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_service_name_and_image_that_climb_out_of_their_folders_end_start_up_with_what_each_must_be()
    {
        var (exitCode, output, error) = await RunToExitAsync(new Dictionary<string, string>
        {
            ["OpsAgent__ApiToken"] = "opsagent-test-token-3f9c2a7d41e8",
            ["OpsAgent__Services__0__Name"] = "../appliance",
            ["OpsAgent__Services__0__ContainerName"] = "livestt-appliance",
            ["OpsAgent__Services__0__Image"] = "registry.example/livestt/../../v2/x:stable",
        });

        exitCode.ShouldBe(1, error);
        Lines(error).ShouldBe(
        [
            "The ops agent did not start: 2 settings are not valid.",
            "  - OpsAgent:Services:0:Name must be 1 to 64 letters, digits, '-' or '_'.",
            "  - OpsAgent:Services:0:Image 'registry.example/livestt/../../v2/x:stable': the repository must be lower-case letters and digits, in parts joined by '.', '_', '__' or '-', separated by '/'.",
            SettingsSources,
        ]);
        output.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_platform_without_an_architecture_ends_start_up_with_the_form_it_must_have()
    {
        var (exitCode, output, error) = await RunToExitAsync(new Dictionary<string, string>
        {
            ["OpsAgent__ApiToken"] = "opsagent-test-token-3f9c2a7d41e8",
            ["OpsAgent__Platform"] = "arm64",
        });

        exitCode.ShouldBe(1, error);
        Lines(error).ShouldBe(
        [
            "The ops agent did not start: 1 setting is not valid.",
            "  - OpsAgent:Platform 'arm64' is not a platform as os/arch or os/arch/variant (e.g. linux/arm64).",
            SettingsSources,
        ]);
        output.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_self_update_helper_started_with_bad_settings_ends_with_exit_code_1_and_the_same_message()
    {
        var (exitCode, output, error) = await RunToExitAsync(new Dictionary<string, string>
        {
            ["OpsAgent__SelfUpdate__Service"] = "opsagent",
            ["OpsAgent__HealthyTimeout"] = "-00:00:01",
        });

        exitCode.ShouldBe(1, error);
        Lines(error).ShouldBe(
        [
            "The ops agent's self-update helper did not start: 2 settings are not valid.",
            "  - OpsAgent:ApiToken or OpsAgent:ApiTokenFile is required: every endpoint but /healthz needs a token.",
            "  - OpsAgent:HealthyTimeout must be positive.",
            SettingsSources,
        ]);
        output.ShouldBeEmpty();
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunToExitAsync(IReadOnlyDictionary<string, string> settings)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet, [Path.Combine(AppContext.BaseDirectory, "LiveStt.OpsAgent.dll"), "--urls=http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        // Only the settings under test: none of the agent's own that this machine's environment may carry.
        foreach (var inherited in start.Environment.Keys.Where(key => key.StartsWith("OpsAgent__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["Logging__ConsoleFormat"] = "text";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var timer = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timer.Token);
            var error = process.StandardError.ReadToEndAsync(timer.Token);
            await process.WaitForExitAsync(timer.Token);
            return (process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the agent was still running a minute after it started:\n{process.StandardError.ReadToEnd()}");
        }
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
