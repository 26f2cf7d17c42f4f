using System.Text.RegularExpressions;
using LiveStt.Appliance.Kiosk;
using Microsoft.Extensions.Options;
using YamlDotNet.RepresentationModel;

namespace LiveStt.Deployment.Tests;

/// <summary>balena/balena.yml, the fleet contract the balena CLI reads from the same folder as the compose file.</summary>
public sealed partial class BalenaYmlTests
{
    private static readonly YamlMappingNode Contract = Yaml.Load("balena/balena.yml");

    /// <summary>Supervisor configuration variables the contract may set (balena's configuration list).</summary>
    private static readonly HashSet<string> SupervisorVariables = new(StringComparer.Ordinal)
    {
        "BALENA_SUPERVISOR_OVERRIDE_LOCK", "BALENA_SUPERVISOR_POLL_INTERVAL", "BALENA_SUPERVISOR_CONNECTIVITY_CHECK",
        "BALENA_SUPERVISOR_LOG_CONTROL", "BALENA_SUPERVISOR_VPN_CONTROL", "BALENA_SUPERVISOR_PERSISTENT_LOGGING",
        "BALENA_SUPERVISOR_INSTANT_UPDATE_TRIGGER", "BALENA_SUPERVISOR_HARDWARE_METRICS",
    };

    private static Dictionary<string, string> Variables(string key) =>
        Contract.Map("data").Children[new YamlScalarNode(key)].ShouldBeOfType<YamlSequenceNode>().Children
            .Cast<YamlMappingNode>().SelectMany(m => m.Children)
            .ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? "");

    [Fact]
    public void It_is_an_application_contract_with_a_name_description_and_semver_version()
    {
        Contract.Text("type").ShouldBe("sw.application");
        Contract.Text("name").ShouldBe("LiveStt");
        Contract.Text("description").Length.ShouldBeGreaterThan(40);
        SemVer().IsMatch(Contract.Text("version")).ShouldBeTrue($"'{Contract.Text("version")}' is semver (balena deploy refuses the release otherwise)");
    }

    [Fact]
    public void It_defaults_to_the_jetson_orin_nano_and_supports_generic_amd64()
    {
        var data = Contract.Map("data");
        data.Text("defaultDeviceType").ShouldBe("jetson-orin-nano-devkit-nvme");
        data.Texts("supportedDeviceTypes").ShouldBe(["jetson-orin-nano-devkit-nvme", "generic-amd64"]);
    }

    [Fact]
    public void Every_variable_has_a_default_and_is_a_real_setting_of_the_appliance_or_the_agent()
    {
        var variables = Variables("applicationEnvironmentVariables");

        variables.Keys.ShouldBe(["Models__Name", "Kiosk__Pin", "OpsAgent__ApiToken", "OpsAgent__SessionPollInterval"]);
        variables.Keys.Select(Settings.Problem).Where(p => p is not null).ShouldBeEmpty();
        variables["Models__Name"].ShouldBe("base.en");
        variables["OpsAgent__SessionPollInterval"].ShouldBe("00:00:05");
        // Secrets have no default anyone could read here: each box's installer sets its own.
        variables["Kiosk__Pin"].ShouldBeEmpty();
        variables["OpsAgent__ApiToken"].ShouldBeEmpty();
    }

    [Fact]
    public void The_kiosk_pin_placeholder_unlocks_nothing_and_still_lets_the_appliance_start()
    {
        var options = new KioskOptions { Pin = Variables("applicationEnvironmentVariables")["Kiosk__Pin"] };

        new KioskOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue("the captions run while the PIN is unset");
        var pin = new KioskPin(Options.Create(options));
        pin.IsConfigured.ShouldBeFalse();
        pin.Matches("").ShouldBeFalse();
        pin.Matches("0000").ShouldBeFalse();
    }

    [Fact]
    public void Its_configuration_variables_are_the_supervisors_and_keep_the_update_lock_honoured()
    {
        var config = Variables("applicationConfigVariables");

        config.Keys.Where(k => !SupervisorVariables.Contains(k)).ShouldBeEmpty();
        config["BALENA_SUPERVISOR_OVERRIDE_LOCK"].ShouldBe("0");
        int.Parse(config["BALENA_SUPERVISOR_POLL_INTERVAL"], System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(600_000, 86_400_000);
    }

    [Fact]
    public void The_settings_check_refuses_names_no_service_reads()
    {
        Settings.Problem("Models__Nmae").ShouldBe("Models__Nmae: ModelOptions has no setting 'Nmae'");
        Settings.Problem("Kiosk__PIN_CODE").ShouldBe("Kiosk__PIN_CODE: KioskOptions has no setting 'PIN_CODE'");
        Settings.Problem("OpsAgent__Services__x__Name").ShouldBe("OpsAgent__Services__x__Name: 'x' should be a list index");
        Settings.Problem("Opsagnt__ApiToken").ShouldBe("Opsagnt__ApiToken: no options section 'Opsagnt' in the appliance or the ops agent");
        Settings.Problem("OpsAgent__Services__0__Name").ShouldBeNull();
    }

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();
}
