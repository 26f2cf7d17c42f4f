namespace LiveStt.OpsAgent.Apis;

/// <summary>The body of a done <c>POST /api/services/{name}/restart</c>.</summary>
/// <param name="Restarted">The service restarted.</param>
/// <param name="Via">"docker", or "balena supervisor" on balenaOS.</param>
internal sealed record ServiceRestarted(string Restarted, string Via);
