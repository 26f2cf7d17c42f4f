using System.Net;
using System.Text.Json;

namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>Checks an answer is the problem details a client is promised: status, media type, title, detail and any errors, exactly.</summary>
public static class ProblemResponse
{
    public static async Task<JsonElement> ShouldBeProblemAsync(
        this HttpResponseMessage response, HttpStatusCode status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status, body);
        problem.GetProperty("title").GetString().ShouldBe(title, body);
        problem.GetProperty("detail").GetString().ShouldBe(detail, body);
        if (errors is null)
        {
            problem.TryGetProperty("errors", out _).ShouldBeFalse(body);
        }
        else
        {
            var sent = problem.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
            sent.Keys.ShouldBe(errors.Keys, ignoreOrder: true, body);
            foreach (var (key, messages) in errors)
            {
                sent[key].ShouldBe(messages, body);
            }
        }
        return problem;
    }
}
