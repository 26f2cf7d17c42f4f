using System.Net;
using LiveStt.OpsAgent.Tests.Infrastructure;

namespace LiveStt.OpsAgent.Tests.Apis;

/// <summary><c>/api/logs?hours=N</c>: a window the table does not allow is a 400 saying which are, not a clamp or a 500.</summary>
public sealed class LogsApiTests(DockerFixture engine) : AgentTest(engine)
{
    private const string BadHours = "hours must be a number from 0.01 to 720.";

    [Fact]
    public async Task The_window_is_a_number_of_hours_from_0_01_to_720()
    {
        await using var agent = await AgentUnderTest.StartAsync(Settings("svc", NewContainerName("logs"), "127.0.0.1:1/none/svc:stable"));

        foreach (var hours in new[] { "", "abc", "0", "0.001", "720.5", "-1", "NaN", "Infinity", "1e3", "1%2C5", "24h", "%D9%A3", "%2B1", new string('9', 400) })
        {
            using var response = await agent.Client.GetAsync(RawRequest.At(agent.Url, $"/api/logs?hours={hours}"), TestContext.Current.CancellationToken);
            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "The request's values are not valid", BadHours, new Dictionary<string, string[]> { ["hours"] = [BadHours] });
        }

        foreach (var hours in new[] { "0.01", "0.5", "720" })
        {
            using var response = await agent.Client.GetAsync(new Uri($"/api/logs?hours={hours}", UriKind.Relative), TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, hours);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/gzip");
            response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
            response.Content.Headers.ContentDisposition.FileName!.ShouldMatch(@"^livestt-logs-\d{8}-\d{6}\.tar\.gz$");
            var files = await LogBundle.ExtractAsync(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            files.Keys.ShouldBe(["history.jsonl", "health.json", "system.json", "containers.json"], ignoreOrder: true, hours);
        }
    }
}
