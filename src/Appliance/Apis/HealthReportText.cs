using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveStt.Appliance.Apis;

/// <summary>
/// The body of GET /healthz: each check's verdict with its reason, one a line ("Unhealthy: caption session faulted:
/// ..."). The image's HEALTHCHECK prints it, so <c>docker inspect</c> shows why a box is unhealthy, not just that it is.
/// </summary>
internal static class HealthReportText
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Values.Select(entry => entry.Description is { Length: > 0 } reason ? $"{entry.Status}: {reason}" : entry.Status.ToString());
        return context.Response.WriteAsync(string.Join('\n', lines) + "\n", context.RequestAborted);
    }
}
