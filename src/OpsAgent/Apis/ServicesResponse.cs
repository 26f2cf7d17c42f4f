using System.Text.Json;

namespace LiveStt.OpsAgent.Apis;

/// <summary>The body of <c>GET /api/services</c>: the managed containers, or on balenaOS the supervisor's state as it gave it.</summary>
/// <param name="BalenaOs">The supervisor owns the containers.</param>
/// <param name="Services">Each managed service's container; null (left out) on balenaOS.</param>
/// <param name="Supervisor">The supervisor's <c>/v2/state/status</c>; null (left out) elsewhere.</param>
internal sealed record ServicesResponse(bool BalenaOs, IReadOnlyList<ManagedServiceState>? Services, JsonElement? Supervisor);
