using LiveStt.Appliance.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveStt.Appliance.Apis;

/// <summary><c>POST /api/tickets</c>: a short-lived, single-use ticket that admits one connection to the caption hub.</summary>
public static class TicketsApi
{
    /// <summary>
    /// Maps the endpoint with its per-address limit; the rate-limiting middleware (<c>UseRateLimiter</c>, in Program.cs)
    /// enforces it.
    /// </summary>
    public static IEndpointRouteBuilder MapTicketsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var tickets = endpoints.MapGroup("/api/tickets").RequireRateLimiting(TicketRateLimiterPolicy.Name);
        tickets.MapPost("/", IssueTicket).WithName("IssueTicket");
        return endpoints;
    }

    internal static Ok<IssuedTicket> IssueTicket(TicketIssuer issuer, HttpResponse response)
    {
        // A ticket is single-use; no cache may hand the same one to a second viewer.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(issuer.Issue());
    }
}
