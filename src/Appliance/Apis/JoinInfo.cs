namespace LiveStt.Appliance.Apis;

/// <summary>The body of <c>GET /api/join</c>: what the join card shows.</summary>
/// <param name="Url">The address phones open to read captions.</param>
/// <param name="WifiName">The Wi-Fi network to join first, or null.</param>
public sealed record JoinInfo(string Url, string? WifiName);
