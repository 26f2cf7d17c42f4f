using YamlDotNet.RepresentationModel;

namespace LiveStt.Deployment.Tests;

/// <summary>balena/docker-compose.yml, the file `balena deploy --source balena` reads, against balena's own rules.</summary>
public sealed class BalenaComposeTests
{
    private const string File = "balena/docker-compose.yml";
    private static readonly YamlMappingNode Compose = Yaml.Load(File);

    private static YamlMappingNode Service(string name) => Compose.Map("services").Map(name);

    [Fact]
    public void It_keeps_every_rule_balena_has_for_compose_files()
    {
        BalenaComposeRules.Violations(Compose).ShouldBeEmpty();
    }

    [Fact]
    public void The_rules_catch_what_the_plain_docker_file_does_that_balena_refuses()
    {
        var violations = BalenaComposeRules.Violations(Yaml.Load("docker-compose.yml"));

        violations.ShouldContain("version must be \"2.4\"");
        violations.ShouldContain("name is not supported by balena");
        violations.ShouldContain("secrets is not supported by balena");
        violations.ShouldContain("services.appliance.container_name is not supported by balena");
        violations.ShouldContain("services.appliance.secrets is not supported by balena");
        violations.ShouldContain("services.opsagent.profiles is not supported by balena");
        violations.ShouldContain("services.opsagent.volumes '/var/run/docker.sock:/var/run/docker.sock': only named volumes declared in the file (no bind mounts)");
        violations.ShouldContain("services.appliance.image: variable substitution is not supported by balena");
    }

    [Fact]
    public void It_has_the_appliance_on_the_devices_port_80_and_the_agent_with_no_port_at_all()
    {
        Compose.Map("services").Keys().ShouldBe(["appliance", "opsagent"]);
        Service("appliance").Texts("ports").ShouldBe(["80:8080"]);
        Service("opsagent").Has("ports").ShouldBeFalse("the agent's API is never published");
        Service("opsagent").Has("network_mode").ShouldBeFalse("the agent needs no host network on balenaOS");
        Service("appliance").Texts("volumes").ShouldBe(["livestt-data:/data"]);
        Service("opsagent").Texts("volumes").ShouldBe(["opsagent-state:/var/lib/livestt-opsagent"]);
        Compose.Map("volumes").Keys().ShouldBe(["livestt-data", "opsagent-state"]);
    }

    [Fact]
    public void The_kiosk_is_refused_through_balenas_public_device_url()
    {
        Service("appliance").Environment().ShouldBe(new Dictionary<string, string> { ["Kiosk__RefusedHosts__0"] = "*.balena-devices.com" });
    }

    [Fact]
    public void The_agent_gets_the_supervisor_api_and_the_journal_and_not_the_engine_socket()
    {
        var labels = Service("opsagent").Map("labels");
        labels.Keys().ShouldBe(["io.balena.features.supervisor-api", "io.balena.features.journal-logs"]);
        labels.Text("io.balena.features.supervisor-api").ShouldBe("1");
        labels.Text("io.balena.features.journal-logs").ShouldBe("1");
        Service("appliance").Map("labels").Keys().ShouldBe(["io.balena.update.strategy"]);
        Service("appliance").Map("labels").Text("io.balena.update.strategy").ShouldBe("download-then-kill");
    }

    [Fact]
    public void The_agent_listens_on_its_loopback_and_finds_the_appliance_and_its_service_by_their_names_here()
    {
        var environment = Service("opsagent").Environment();
        environment["ASPNETCORE_URLS"].ShouldBe("http://127.0.0.1:8090");

        var applianceUrl = new Uri(environment["OpsAgent__ApplianceUrl"]);
        Compose.Map("services").Keys().ShouldContain(applianceUrl.Host);
        Service(applianceUrl.Host).Texts("ports").Single().Split(':')[1].ShouldBe(applianceUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "the agent reaches the appliance on its container port, not the device's");
        // The supervisor restarts services by their compose name.
        Compose.Map("services").Keys().ShouldContain(environment["OpsAgent__Services__0__Name"]);
        environment["OpsAgent__CheckInterval"].ShouldBe("00:00:00");
    }

    [Fact]
    public void Each_service_has_the_same_memory_limit_as_on_plain_docker()
    {
        Service("appliance").Text("mem_limit").ShouldBe("1536m");
        Service("opsagent").Text("mem_limit").ShouldBe("256m");
    }

    [Fact]
    public void No_secret_is_written_in_the_file_they_come_from_fleet_or_device_variables()
    {
        foreach (var service in new[] { "appliance", "opsagent" })
        {
            Service(service).Environment().Keys.ShouldNotContain(k => k.Contains("Token", StringComparison.OrdinalIgnoreCase) || k.Contains("Pin", StringComparison.OrdinalIgnoreCase) || k.Contains("Key", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Every_variable_it_sets_is_a_real_setting_of_the_service()
    {
        foreach (var service in new[] { "appliance", "opsagent" })
        {
            Service(service).Environment().Keys.Select(Settings.Problem).Where(p => p is not null).ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task Docker_compose_itself_reads_it_as_a_valid_file()
    {
        await DockerCompose.RequireAsync();

        var (exitCode, _, error) = await DockerCompose.RunAsync("-f", File, "config", "-q");

        exitCode.ShouldBe(0, error);
    }
}
