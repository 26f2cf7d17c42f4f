using LiveStt.OpsAgent.Health;

namespace LiveStt.OpsAgent.Apis;

/// <summary>The body of <c>GET /api/health</c>.</summary>
/// <param name="Healthy">Every check passed.</param>
/// <param name="CheckedAt">When the checks ran.</param>
/// <param name="Checks">Each check with what it saw.</param>
internal sealed record HealthResponse(bool Healthy, DateTimeOffset CheckedAt, IReadOnlyList<HealthCheckResult> Checks);
