using LiveStt.Appliance.Tickets;
using Microsoft.AspNetCore.Http.Connections;

namespace LiveStt.Appliance.Captions;

public static class CaptionHubEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the caption hub at <c>/hubs/captions</c>, admitting only holders of a ticket from
    /// <c>POST /api/tickets</c>, over WebSockets only (see <see cref="TicketAuthenticationHandler"/> for why),
    /// with a per-address request limit (enforced by <c>UseRateLimiter</c>, before authentication spends the ticket).
    /// </summary>
    public static IEndpointRouteBuilder MapCaptionHub(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHub<CaptionHub>(CaptionHub.Path, connection =>
            {
                connection.Transports = HttpTransportType.WebSockets;
                // The ticket admits the connection; it is not a credential the connection must keep renewing.
                connection.CloseOnAuthenticationExpiration = false;
            })
            .RequireAuthorization(TicketAuthentication.ViewerPolicy)
            .RequireRateLimiting(TicketRateLimiterPolicy.HubName);
        return endpoints;
    }
}
