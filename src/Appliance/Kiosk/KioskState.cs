namespace LiveStt.Appliance.Kiosk;

/// <summary>The body of <c>GET /api/kiosk</c>: what the kiosk page needs before and after unlocking.</summary>
/// <param name="PinConfigured">False when the installer set no PIN: the kiosk unlocks for nobody.</param>
/// <param name="Unlocked">Whether this browser holds an unlocked kiosk session.</param>
/// <param name="LockedForSeconds">How long this client must wait before trying a PIN again (too many wrong ones); 0 when it may.</param>
/// <param name="CsrfToken">The anti-forgery token to send as <c>X-CSRF-TOKEN</c> on every state-changing request.</param>
/// <param name="SessionIdleMinutes">Minutes without use after which the kiosk locks again.</param>
/// <param name="HowToSetPin">When no PIN is set, what whoever installed the box must do.</param>
public sealed record KioskState(bool PinConfigured, bool Unlocked, int LockedForSeconds, string CsrfToken, int SessionIdleMinutes, string? HowToSetPin);
