namespace LiveStt.Appliance.Kiosk;

public static class KioskEndpointConventions
{
    /// <summary>
    /// What the kiosk unlocks: the group's endpoints answer only an unlocked kiosk session (401 otherwise), and its
    /// state-changing ones only with the session's anti-forgery token.
    /// </summary>
    public static RouteGroupBuilder RequireKioskSession(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.RequireAuthorization(KioskAuthentication.Policy);
        group.AddEndpointFilter<KioskAntiforgeryFilter>();
        return group;
    }
}
