namespace LiveStt.Appliance.Kiosk;

/// <summary>Names under which the kiosk's sign-in is registered.</summary>
public static class KioskAuthentication
{
    /// <summary>The cookie scheme a PIN unlock signs in with; the app's default scheme (reading a cookie spends nothing).</summary>
    public const string Scheme = "Kiosk";

    /// <summary>Authorization policy of everything the kiosk unlocks.</summary>
    public const string Policy = "KioskVolunteer";

    /// <summary>The session cookie.</summary>
    public const string CookieName = "livestt-kiosk";

    /// <summary>The cookie half of the anti-forgery pair.</summary>
    public const string AntiforgeryCookieName = "livestt-csrf";

    /// <summary>The header that carries the anti-forgery request token on every state-changing kiosk request.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";
}
