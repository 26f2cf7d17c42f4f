using LiveStt.OpsAgent.Balena;
using Microsoft.Extensions.Configuration;

// Not LiveStt.OpsAgent.Tests.Hosting: see StartupFailureTests.
namespace LiveStt.OpsAgent.Tests;

/// <summary>
/// The token as a balena fleet or device variable (OpsAgent__ApiToken) is checked at start-up as the token file is,
/// and a balenaOS service needs only its name: the supervisor owns its container and image.
/// </summary>
public sealed class OpsAgentOptionsValidatorTests : IDisposable
{
    private const string Token = "opsagent-test-token-3f9c2a7d41e8";
    private readonly string _folder = Directory.CreateTempSubdirectory("opsagent-validator-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static BalenaEnvironment Balena(bool enabled) => new(new ConfigurationBuilder().AddInMemoryCollection(enabled
        ? new Dictionary<string, string?> { ["BALENA_SUPERVISOR_ADDRESS"] = "http://127.0.0.1:48484", ["BALENA_SUPERVISOR_API_KEY"] = "supervisor-key" }
        : []).Build());

    private static IEnumerable<string> Failures(Hosting.OpsAgentOptions options, bool balena = false) =>
        new Hosting.OpsAgentOptionsValidator(Balena(balena)).Validate(null, options).Failures ?? [];

    [Fact]
    public void A_token_from_the_environment_of_16_characters_is_enough()
    {
        Failures(new Hosting.OpsAgentOptions { ApiToken = Token }).ShouldBeEmpty();
        Failures(new Hosting.OpsAgentOptions { ApiToken = "0123456789abcdef" }).ShouldBeEmpty();
    }

    [Fact]
    public void A_token_padded_to_16_with_spaces_is_refused_without_repeating_it()
    {
        var failures = Failures(new Hosting.OpsAgentOptions { ApiToken = "  short-token   " }).ToList();

        failures.ShouldBe(["OpsAgent:ApiToken must be at least 16 characters (surrounding white space not counted)."]);
        failures[0].ShouldNotContain("short-token");
    }

    [Fact]
    public void An_empty_token_variable_as_a_fleet_default_leaves_it_unset_and_says_what_is_required()
    {
        Failures(new Hosting.OpsAgentOptions { ApiToken = "" }).ShouldBe(
            ["OpsAgent:ApiToken or OpsAgent:ApiTokenFile is required: every endpoint but /healthz needs a token."]);
    }

    [Fact]
    public void A_token_file_with_too_short_a_token_fails_at_start_up_rather_than_at_the_first_request()
    {
        var file = Path.Combine(_folder, "token");
        File.WriteAllText(file, "tiny-token\n");

        var failures = Failures(new Hosting.OpsAgentOptions { ApiTokenFile = file }).ToList();

        failures.ShouldBe([$"OpsAgent:ApiTokenFile '{file}': the token in it must be at least 16 characters (surrounding white space not counted)."]);
        failures[0].ShouldNotContain("tiny-token");
    }

    [Fact]
    public void On_balenaOS_a_service_is_a_name_alone_and_elsewhere_it_needs_its_container_and_image()
    {
        var options = new Hosting.OpsAgentOptions { ApiToken = Token };
        options.Services.Add(new Hosting.ManagedServiceOptions { Name = "appliance" });

        Failures(options, balena: true).ShouldBeEmpty();
        Failures(options, balena: false).ShouldBe(
        [
            "OpsAgent:Services:0:ContainerName is required.",
            "OpsAgent:Services:0:Image '': an image reference is required and may not contain spaces.",
        ], ignoreOrder: true);
    }

    [Fact]
    public void On_balenaOS_a_service_that_does_name_an_image_still_has_it_checked()
    {
        var options = new Hosting.OpsAgentOptions { ApiToken = Token };
        options.Services.Add(new Hosting.ManagedServiceOptions { Name = "appliance", ContainerName = "appliance", Image = "registry.example/livestt/appliance@sha256:" + new string('a', 64) });

        Failures(options, balena: true).ShouldBe(["OpsAgent:Services:0:Image must name a tag to follow, not a digest."]);
    }
}
