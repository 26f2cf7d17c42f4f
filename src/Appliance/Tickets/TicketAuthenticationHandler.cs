using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LiveStt.Appliance.Tickets;

/// <summary>
/// Admits a request to the caption hub when it carries a valid ticket, in <c>Authorization: Bearer</c>
/// or in the <c>access_token</c> query parameter (browsers cannot set headers on a WebSocket).
/// </summary>
/// <remarks>
/// A SignalR client may make two requests: negotiate, then the transport connect. A single-use ticket
/// has to survive the first and be spent by the second, so the negotiate request (recognised by the
/// endpoint's <see cref="NegotiateMetadata"/>) is only checked, and every other request to the hub is
/// where the ticket is redeemed. A used, expired, forged or missing ticket therefore fails the
/// negotiate, or the connect when negotiation is skipped, with 401 before any connection exists, and
/// the client's start fails instead of connecting and then being closed. The hub accepts WebSockets
/// only, so the connect is exactly one request; long polling and server-sent events would present the
/// same ticket on every poll or send. The viewer page skips negotiation so that each (re)connection
/// costs exactly one ticket; the .NET client's default negotiate-then-connect works too.
/// </remarks>
internal sealed class TicketAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TicketValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var ticket = ReadTicket(Request);
        var isNegotiate = Context.GetEndpoint()?.Metadata.GetMetadata<NegotiateMetadata>() is not null;
        var verdict = isNegotiate ? validator.Check(ticket) : await validator.RedeemAsync(ticket, Context.RequestAborted);
        if (verdict == TicketVerdict.Missing)
        {
            return AuthenticateResult.NoResult();
        }

        if (verdict != TicketVerdict.Accepted)
        {
            return AuthenticateResult.Fail($"Viewer ticket refused: {verdict}.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, "viewer")], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    private static string? ReadTicket(HttpRequest request)
    {
        string? authorization = request.Headers[HeaderNames.Authorization];
        if (authorization is not null && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[BearerPrefix.Length..].Trim();
        }

        string? fromQuery = request.Query[TicketAuthentication.QueryParameter];
        return string.IsNullOrEmpty(fromQuery) ? null : fromQuery;
    }
}
