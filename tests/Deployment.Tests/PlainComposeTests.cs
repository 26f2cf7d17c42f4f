namespace LiveStt.Deployment.Tests;

/// <summary>
/// docker-compose.yml, the plain-Docker file scripts/run.sh, the README's quick start and ops block start, read the
/// way compose resolves it (its defaults filled in).
/// </summary>
public sealed class PlainComposeTests
{
    private static async Task<YamlDotNet.RepresentationModel.YamlMappingNode> ResolvedAsync(params string[] profiles)
    {
        await DockerCompose.RequireAsync();
        var (exitCode, output, error) = await DockerCompose.RunAsync([.. profiles.SelectMany(p => new[] { "--profile", p }), "-f", "docker-compose.yml", "config"]);
        exitCode.ShouldBe(0, error);
        return Yaml.Parse(output);
    }

    [Fact]
    public async Task Docker_compose_reads_it_as_a_valid_file()
    {
        await DockerCompose.RequireAsync();

        var (exitCode, _, error) = await DockerCompose.RunAsync("--profile", "ops", "-f", "docker-compose.yml", "config", "-q");

        exitCode.ShouldBe(0, error);
    }

    [Fact]
    public async Task It_has_the_services_and_volumes_the_scripts_and_tests_start_and_find_by_name()
    {
        var compose = await ResolvedAsync("ops");

        compose.Text("name").ShouldBe("livestt");
        compose.Map("services").Keys().Order().ShouldBe(["appliance", "opsagent"]);
        compose.Map("services").Map("appliance").Text("container_name").ShouldBe("livestt-appliance");
        compose.Map("services").Map("opsagent").Text("container_name").ShouldBe("livestt-opsagent");
        compose.Map("volumes").Map("livestt-data").Text("name").ShouldBe("livestt-data");
        compose.Map("volumes").Map("opsagent-state").Text("name").ShouldBe("livestt-opsagent-state");
    }

    [Fact]
    public async Task The_agent_updates_the_containers_by_the_names_the_file_gives_them()
    {
        var services = (await ResolvedAsync("ops")).Map("services");
        var agent = services.Map("opsagent").Environment();

        agent["OpsAgent__Services__0__ContainerName"].ShouldBe(services.Map("appliance").Text("container_name"));
        agent["OpsAgent__Services__1__ContainerName"].ShouldBe(services.Map("opsagent").Text("container_name"));
        agent["OpsAgent__ApiTokenFile"].ShouldBe("/run/secrets/opsagent_token");
        services.Map("appliance").Environment()["Kiosk__PinFile"].ShouldBe("/run/secrets/kiosk_pin");
    }

    [Fact]
    public async Task Each_service_has_the_memory_limit_the_resource_envelope_leaves_room_for()
    {
        var services = (await ResolvedAsync("ops")).Map("services");

        services.Map("appliance").Text("mem_limit").ShouldBe((1536L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
        services.Map("opsagent").Text("mem_limit").ShouldBe((256L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Each_service_keeps_its_docker_log_to_five_files_of_ten_mebibytes()
    {
        var services = (await ResolvedAsync("ops")).Map("services");

        foreach (var service in new[] { "appliance", "opsagent" })
        {
            var logging = services.Map(service).Map("logging");
            logging.Text("driver").ShouldBe("json-file", service);
            logging.Map("options").Text("max-size").ShouldBe("10m", service);
            logging.Map("options").Text("max-file").ShouldBe("5", service);
        }
    }

    [Fact]
    public async Task Without_the_ops_profile_only_the_appliance_starts()
    {
        (await ResolvedAsync()).Map("services").Keys().ShouldBe(["appliance"]);
    }

    [Fact]
    public void Every_variable_it_sets_is_a_real_setting_of_the_service()
    {
        var services = Yaml.Load("docker-compose.yml").Map("services");
        foreach (var service in new[] { "appliance", "opsagent" })
        {
            services.Map(service).Environment().Keys.Select(Settings.Problem).Where(p => p is not null).ShouldBeEmpty();
        }
    }
}
