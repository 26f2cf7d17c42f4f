using System.Net;
using System.Text.Json;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Tests.Infrastructure;
using LiveStt.OpsAgent.Updates;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveStt.OpsAgent.Tests.Apis;

/// <summary><c>/api/updates/check</c> and <c>/history</c>: every query value is checked before anything is asked or done.</summary>
public sealed class UpdatesApiTests(DockerFixture engine) : AgentTest(engine)
{
    private const string Title = "The request's values are not valid";
    private const string BadService = "service must name a managed service: 1 to 64 letters, digits, '-' or '_'.";
    private const string BadForce = "force must be true or false.";
    private const string BadLimit = "limit must be a whole number from 1 to 5000.";

    [Fact]
    public async Task A_check_is_refused_before_any_registry_is_asked_unless_it_names_a_managed_service_and_force_is_true_or_false()
    {
        await using var registry = await RegistryProbe.StartAsync();
        await using var agent = await AgentUnderTest.StartAsync(Settings("svc", NewContainerName("check"), $"{registry.Host}/livestt/svc:stable"));
        var cases = new (string Query, Dictionary<string, string[]> Errors)[]
        {
            ("service=..%2F..%2Fetc%2Fpasswd", new() { ["service"] = [BadService] }),
            ("service=svc%2F..%2F..", new() { ["service"] = [BadService] }),
            ("service=svc%00", new() { ["service"] = [BadService] }),
            ("service=svc%0D%0Aforce%3Dtrue", new() { ["service"] = [BadService] }),
            ("service=%D1%95vc", new() { ["service"] = [BadService] }),
            ("service=" + new string('s', 65), new() { ["service"] = [BadService] }),
            ("service=", new() { ["service"] = [BadService] }),
            ("service=svc&service=svc", new() { ["service"] = [BadService] }),
            ("force=maybe", new() { ["force"] = [BadForce] }),
            ("force=1", new() { ["force"] = [BadForce] }),
            ("force=", new() { ["force"] = [BadForce] }),
            ("service=..&force=yes", new() { ["service"] = [BadService], ["force"] = [BadForce] }),
        };
        foreach (var (query, errors) in cases)
        {
            using var response = await agent.Client.PostAsync(RawRequest.At(agent.Url, $"/api/updates/check?{query}"), null, TestContext.Current.CancellationToken);
            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, Title, string.Join(" ", errors.Values.SelectMany(m => m)), errors);
        }
        foreach (var name in new[] { "nope", "SVC", "svc-next" })
        {
            using var response = await agent.Client.PostAsync(new Uri($"/api/updates/check?service={name}&force=true", UriKind.Relative), null, TestContext.Current.CancellationToken);
            await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "No such service", $"No managed service is called '{name}'. The managed services are: svc.");
        }
        registry.Requests.ShouldBeEmpty("no refused check reached the registry");
        agent.Settings.ReadHistory().ShouldBeEmpty("no refused check was recorded");

        // A good check does ask: the registry here answers 404 for the tag, which the result reports.
        using var check = await agent.Client.PostAsync(new Uri("/api/updates/check?service=svc&force=False", UriKind.Relative), null, TestContext.Current.CancellationToken);
        check.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await check.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var result = body.RootElement.EnumerateArray().ShouldHaveSingleItem();
        result.EnumerateObject().Select(p => p.Name).ShouldBe(["service", "result", "detail"]);
        result.GetProperty("service").GetString().ShouldBe("svc");
        result.GetProperty("result").GetString().ShouldBe("Error");
        result.GetProperty("detail").GetString().ShouldBe($"registry answered 404 Not Found for {registry.Host}/livestt/svc:stable");
        registry.Requests.ShouldBe(["HEAD /v2/livestt/svc/manifests/stable"]);
    }

    [Fact]
    public async Task The_history_limit_is_a_whole_number_from_1_to_5000_and_gives_the_newest_entries()
    {
        var settings = Settings("svc", NewContainerName("history"), "127.0.0.1:1/none/svc:stable");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var history = new UpdateHistory(Options.Create(new OpsAgentOptions { StateDirectory = settings.StateDirectory }), time);
        history.Record("svc", "deferred", "captions are live");
        time.Advance(TimeSpan.FromMinutes(5));
        history.Record("svc", "updated", "now on 9c1e0d2f4a7b");
        time.Advance(TimeSpan.FromMinutes(5));
        history.Record("svc", "refused", "tarball v3.tar refused: its image is for architecture 'arm64', this machine is 'amd64'");
        await using var agent = await AgentUnderTest.StartAsync(settings);

        // Digits only, in range: no sign, space, fraction, exponent, hex or other script's digits (here Arabic-Indic three).
        foreach (var limit in new[] { "", "abc", "0", "5001", "-1", "+5", "%205", "1.5", "1e3", "0x10", "99999999999", "%D9%A3" })
        {
            using var response = await agent.Client.GetAsync(RawRequest.At(agent.Url, $"/api/updates/history?limit={limit}"), TestContext.Current.CancellationToken);
            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, Title, BadLimit, new Dictionary<string, string[]> { ["limit"] = [BadLimit] });
        }

        (await agent.Client.GetStringAsync(new Uri("/api/updates/history?limit=2", UriKind.Relative), TestContext.Current.CancellationToken)).ShouldBe(
            """[{"time":"2026-12-01T10:05:00+00:00","service":"svc","event":"updated","detail":"now on 9c1e0d2f4a7b"},"""
            + """{"time":"2026-12-01T10:10:00+00:00","service":"svc","event":"refused","detail":"tarball v3.tar refused: its image is for architecture 'arm64', this machine is 'amd64'"}]""");
        foreach (var all in new[] { "/api/updates/history", "/api/updates/history?limit=5000", "/api/updates/history?limit=3" })
        {
            using var document = JsonDocument.Parse(await agent.Client.GetStringAsync(new Uri(all, UriKind.Relative), TestContext.Current.CancellationToken));
            document.RootElement.EnumerateArray().Select(e => e.GetProperty("event").GetString()).ShouldBe(["deferred", "updated", "refused"], all);
        }
    }
}
