using LiveStt.OpsAgent.Health;
using LiveStt.OpsAgent.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Prometheus;

namespace LiveStt.OpsAgent.Apis;

/// <summary>
/// <c>/healthz</c> (liveness, the only path without the token), <c>/api/health</c> (the latest checks, 503 while one
/// fails; <c>?fresh</c> runs them now) and <c>/metrics</c> (Prometheus text).
/// </summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(TokenAuthenticationMiddleware.LivenessPath, Liveness).WithName("Liveness");
        endpoints.MapMetrics("/metrics");
        var health = endpoints.MapGroup("/api/health");
        health.MapGet("/", GetHealthAsync).WithName("GetHealth");
        return endpoints;
    }

    internal static ContentHttpResult Liveness() => TypedResults.Text("ok");

    internal static async Task<JsonHttpResult<HealthResponse>> GetHealthAsync(HealthMonitor monitor, HttpRequest request, CancellationToken cancellationToken)
    {
        var report = request.Query.ContainsKey("fresh") || monitor.Latest.CheckedAt == DateTimeOffset.MinValue
            ? await monitor.RunChecksAsync(cancellationToken)
            : monitor.Latest;
        // The report is the body either way: a monitor reading the 503 wants to know which check failed and why.
        return TypedResults.Json(
            new HealthResponse(report.Healthy, report.CheckedAt, report.Checks),
            statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
