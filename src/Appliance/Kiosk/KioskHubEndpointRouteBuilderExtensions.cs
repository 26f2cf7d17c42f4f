using Microsoft.AspNetCore.Http.Connections;

namespace LiveStt.Appliance.Kiosk;

public static class KioskHubEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the kiosk's hub at <c>/hubs/kiosk</c>, for unlocked kiosk sessions only, over WebSockets; the connection is
    /// closed when the session's cookie expires, so a kiosk left alone locks itself.
    /// </summary>
    public static IEndpointRouteBuilder MapKioskHub(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHub<KioskHub>(KioskHub.Path, connection =>
            {
                connection.Transports = HttpTransportType.WebSockets;
                connection.CloseOnAuthenticationExpiration = true;
            })
            .RequireAuthorization(KioskAuthentication.Policy);
        return endpoints;
    }
}
