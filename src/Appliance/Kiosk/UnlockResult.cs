namespace LiveStt.Appliance.Kiosk;

/// <summary>The answer to a right PIN: the session's anti-forgery token (the one from before unlocking no longer fits).</summary>
public sealed record UnlockResult(string CsrfToken, int SessionIdleMinutes);
