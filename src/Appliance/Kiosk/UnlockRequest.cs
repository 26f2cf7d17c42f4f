namespace LiveStt.Appliance.Kiosk;

/// <summary>The body of <c>POST /api/kiosk/unlock</c>.</summary>
public sealed record UnlockRequest(string? Pin);
