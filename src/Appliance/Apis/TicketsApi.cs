using LiveStt.Appliance.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveStt.Appliance.Apis;

/// <summary><c>POST /api/tickets</c>: a short-lived, single-use ticket that admits one connection to the caption hub.</summary>
public static class TicketsApi
{
    /// <summary>
    /// Maps the endpoint and adds the rate-limiting middleware its per-address limit needs; a
    /// <see cref="WebApplication"/> rather than a bare route builder so that the middleware cannot be
    /// forgotten (a rate-limit policy without the middleware silently limits nothing).
    /// </summary>
    public static WebApplication MapTicketsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();

        var tickets = app.MapGroup("/api/tickets").RequireRateLimiting(TicketRateLimiterPolicy.Name);
        tickets.MapPost("/", IssueTicket).WithName("IssueTicket");
        return app;
    }

    internal static Ok<IssuedTicket> IssueTicket(TicketIssuer issuer, HttpResponse response)
    {
        // A ticket is single-use; no cache may hand the same one to a second viewer.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(issuer.Issue());
    }
}
