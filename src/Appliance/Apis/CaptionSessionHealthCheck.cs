using LiveStt.Appliance.Streaming;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveStt.Appliance.Apis;

/// <summary>
/// Unhealthy when the caption session has faulted, so Docker's health status, and the ops agent's
/// health-gated update, see a box that cannot caption as broken rather than merely idle.
/// </summary>
internal sealed class CaptionSessionHealthCheck(ICaptionSessionState session) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = session.Current;
        var result = snapshot.State == "faulted"
            ? HealthCheckResult.Unhealthy($"caption session faulted: {snapshot.Error}")
            : HealthCheckResult.Healthy($"caption session {snapshot.State}");
        return Task.FromResult(result);
    }
}
