using System.Globalization;
using LiveStt.OpsAgent.Logs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveStt.OpsAgent.Apis;

/// <summary><c>GET /api/logs?hours=N</c>: the support bundle (.tar.gz) of the last N hours, secrets redacted.</summary>
internal static class LogsApi
{
    private const double DefaultHours = 24;
    private const double MinHours = 0.01;
    private const double MaxHours = 24 * 30;

    public static IEndpointRouteBuilder MapLogsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var logs = endpoints.MapGroup("/api/logs");
        logs.MapGet("/", GetBundle).WithName("GetLogBundle");
        return endpoints;
    }

    internal static Results<PushStreamHttpResult, ValidationProblem> GetBundle(string? hours, LogBundleBuilder bundle, TimeProvider time, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var window = TimeSpan.FromHours(QueryValues.Number(hours, nameof(hours), DefaultHours, MinHours, MaxHours, errors));
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var name = $"livestt-logs-{time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.tar.gz";
        return TypedResults.Stream(body => bundle.WriteAsync(body, window, context.RequestAborted), "application/gzip", name);
    }
}
