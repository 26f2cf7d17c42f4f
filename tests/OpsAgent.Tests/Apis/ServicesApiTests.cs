using System.Net;
using System.Text.Json;
using LiveStt.OpsAgent.Tests.Balena;
using LiveStt.OpsAgent.Tests.Infrastructure;

namespace LiveStt.OpsAgent.Tests.Apis;

/// <summary>
/// <c>/api/services</c> against the real engine: a restart names a managed service and nothing else reaches Docker,
/// whatever the name holds; each refusal is a problem saying why.
/// </summary>
public sealed class ServicesApiTests(DockerFixture engine) : AgentTest(engine)
{
    private const string BadName = "name must name a managed service: 1 to 64 letters, digits, '-' or '_'.";

    /// <summary>Path segments as a hostile client sends them (percent-encoded where a URL needs it), each refused as not a name.</summary>
    public static readonly string[] NotNames =
    [
        "..%2Fsvc", // ../svc, the slash encoded so it stays in the segment
        "..%2F..%2F..%2Fvar%2Frun%2Fdocker.sock",
        "%2Fsvc", // /svc
        "svc%2F..", // svc/..
        "..%5Csvc", // ..\svc
        "svc%0A", // a newline after the name
        "svc%09", // a tab
        "svc%20", // a trailing space
        "svc;id",
        "svc%25", // svc%
        "%D1%95vc", // Cyrillic 'ѕ' in place of 's'
        "svc%C3%A9", // svcé
        "%E2%80%AEsvc", // a right-to-left override first
        "svc.", // a dot is not in a service name
        new string('s', 65),
        new string('s', 4000),
    ];

    [Fact]
    public async Task A_restart_takes_only_a_managed_service_name_and_touches_no_container_for_any_other()
    {
        var managed = NewContainerName("restart");
        var bystander = NewContainerName("bystander");
        await Engine.RunServiceAsync(managed, Engine.V1);
        await Engine.RunServiceAsync(bystander, Engine.V1);
        await using var agent = await AgentUnderTest.StartAsync(Settings("svc", managed, "127.0.0.1:1/none/svc:stable")
            .AddService(1, "gone", NewContainerName("gone"), "127.0.0.1:1/none/gone:stable"));
        var managedStart = await StartedAtAsync(managed);
        var bystanderStart = await StartedAtAsync(bystander);

        foreach (var name in NotNames)
        {
            using var response = await agent.Client.PostAsync(RawRequest.At(agent.Url, $"/api/services/{name}/restart"), null, TestContext.Current.CancellationToken);
            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "The request's values are not valid", BadName, new Dictionary<string, string[]> { ["name"] = [BadName] });
        }
        // Well-formed names that are not a service's: a container's own name, another container's, a Docker ID.
        var bystanderId = (await Engine.Docker.Containers.InspectContainerAsync(bystander, TestContext.Current.CancellationToken)).ID;
        foreach (var name in new[] { managed, bystander, bystanderId[..12], "SVC" })
        {
            using var response = await agent.Client.PostAsync(new Uri($"/api/services/{name}/restart", UriKind.Relative), null, TestContext.Current.CancellationToken);
            await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "No such service", $"No managed service is called '{name}'. The managed services are: svc, gone.");
        }
        // The web server refuses a NUL byte in a path itself, before the agent sees the request, and writes no body.
        using (var nul = await agent.Client.PostAsync(RawRequest.At(agent.Url, "/api/services/svc%00/restart"), null, TestContext.Current.CancellationToken))
        {
            nul.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await nul.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
        }
        // Dot segments are folded by the server, so they cannot climb out of the API: here they land on no endpoint.
        using (var dots = await agent.Client.PostAsync(RawRequest.At(agent.Url, "/api/services/%2E%2E/%2E%2E/%2E%2E/restart"), null, TestContext.Current.CancellationToken))
        {
            await dots.ShouldBeProblemAsync(HttpStatusCode.NotFound, "Not Found", "The agent's API has no such path.");
        }

        (await StartedAtAsync(managed)).ShouldBe(managedStart, "no refused request restarted the managed container");
        (await StartedAtAsync(bystander)).ShouldBe(bystanderStart, "no request restarted a container the settings do not name");

        using (var missing = await agent.Client.PostAsync(new Uri("/api/services/gone/restart", UriKind.Relative), null, TestContext.Current.CancellationToken))
        {
            var container = agent.Settings.Values["OpsAgent:Services:1:ContainerName"];
            await missing.ShouldBeProblemAsync(HttpStatusCode.Conflict, "The service's container is missing", $"Service 'gone' runs in the container '{container}', which does not exist.");
        }
        using (var restart = await agent.Client.PostAsync(new Uri("/api/services/svc/restart", UriKind.Relative), null, TestContext.Current.CancellationToken))
        {
            restart.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await restart.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("""{"restarted":"svc","via":"docker"}""");
        }
        (await StartedAtAsync(managed)).ShouldNotBe(managedStart, "the managed container was restarted");
        (await StartedAtAsync(bystander)).ShouldBe(bystanderStart);

        var services = await agent.Client.GetStringAsync(new Uri("/api/services", UriKind.Relative), TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(services);
        document.RootElement.GetProperty("balenaOs").GetBoolean().ShouldBeFalse();
        var listed = document.RootElement.GetProperty("services");
        listed[0].EnumerateObject().Select(p => p.Name).ShouldBe(["name", "containerName", "id", "image", "status", "health", "restartCount"]);
        listed[0].GetProperty("name").GetString().ShouldBe("svc");
        listed[0].GetProperty("status").GetString().ShouldBe("running");
        listed[0].GetProperty("image").GetString().ShouldBe(Engine.V1);
        listed[1].ToString().ShouldBe($$"""{"name":"gone","containerName":"{{agent.Settings.Values["OpsAgent:Services:1:ContainerName"]}}","status":"missing"}""");
    }

    [Fact]
    public async Task On_balenaOS_a_restart_reaches_the_supervisor_only_for_a_managed_service()
    {
        await using var supervisor = await FakeSupervisor.StartAsync();
        AgentSettings BalenaSettings(string? appId)
        {
            var settings = Settings("appliance", "livestt-appliance-not-managed-here", "127.0.0.1:1/none/appliance:stable")
                .Set("BALENA_SUPERVISOR_ADDRESS", supervisor.Url.ToString())
                .Set("BALENA_SUPERVISOR_API_KEY", FakeSupervisor.ApiKey);
            settings.Set("OpsAgent:BalenaLockPath", Path.Combine(settings.StateDirectory, "balena", "updates.lock"));
            return appId is null ? settings : settings.Set("BALENA_APP_ID", appId);
        }
        await using (var agent = await AgentUnderTest.StartAsync(BalenaSettings(appId: null)))
        {
            // The supervisor would restart any service of the app it is named; the agent names only its own.
            using (var other = await agent.Client.PostAsync(new Uri("/api/services/balena-supervisor/restart", UriKind.Relative), null, TestContext.Current.CancellationToken))
            {
                await other.ShouldBeProblemAsync(HttpStatusCode.NotFound, "No such service", "No managed service is called 'balena-supervisor'. The managed services are: appliance.");
            }
            using (var traversal = await agent.Client.PostAsync(RawRequest.At(agent.Url, "/api/services/..%2Fappliance/restart"), null, TestContext.Current.CancellationToken))
            {
                await traversal.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "The request's values are not valid", BadName, new Dictionary<string, string[]> { ["name"] = [BadName] });
            }
            using (var noApp = await agent.Client.PostAsync(new Uri("/api/services/appliance/restart", UriKind.Relative), null, TestContext.Current.CancellationToken))
            {
                await noApp.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "The balena supervisor cannot restart services here", "BALENA_APP_ID is not set; the supervisor needs it to restart a service.");
            }
        }
        supervisor.Requests.ShouldNotContain(r => r.Contains("restart-service", StringComparison.Ordinal));

        await using (var agent = await AgentUnderTest.StartAsync(BalenaSettings(appId: "1234")))
        {
            using var restart = await agent.Client.PostAsync(new Uri("/api/services/appliance/restart", UriKind.Relative), null, TestContext.Current.CancellationToken);
            restart.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await restart.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("""{"restarted":"appliance","via":"balena supervisor"}""");
        }
        supervisor.Requests.Where(r => r.Contains("restart-service", StringComparison.Ordinal))
            .ShouldBe(["""POST /v2/applications/1234/restart-service {"serviceName":"appliance"}"""]);
    }

    private async Task<string> StartedAtAsync(string container) =>
        (await Engine.Docker.Containers.InspectContainerAsync(container, TestContext.Current.CancellationToken)).State!.StartedAt;
}
