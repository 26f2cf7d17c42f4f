using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace LiveStt.OpsAgent.Security;

/// <summary>Requires "Authorization: Bearer &lt;token&gt;" on every endpoint but liveness; rate-limits failures.</summary>
internal sealed partial class TokenAuthenticationMiddleware(
    RequestDelegate next, ApiToken token, AuthFailureLimiter limiter, IProblemDetailsService problems, ILogger<TokenAuthenticationMiddleware> logger)
{
    public const string LivenessPath = "/healthz";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.Equals(LivenessPath, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (limiter.LockedOutFor(address) is { } wait)
        {
            var seconds = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            context.Response.Headers.RetryAfter = seconds;
            await RefuseAsync(context, StatusCodes.Status429TooManyRequests, "Too many wrong tokens",
                $"Too many requests from this address had a missing or wrong token. Try again in {seconds} s.");
            return;
        }
        var header = context.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        if (!token.Matches(presented))
        {
            limiter.RecordFailure(address);
            // Never log what was presented: a mistyped token is most of a real one.
            Log.Rejected(logger, address, context.Request.Path);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "The API token is missing or wrong",
                "Every path but /healthz needs the header 'Authorization: Bearer <token>' with the agent's API token.");
            return;
        }
        await next(context);
    }

    // Says what the client must do, never what it sent: a mistyped token is most of a real one.
    private async Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static partial class Log
    {
        [LoggerMessage(60, LogLevel.Warning, "Rejected a request from {Address} to {Path}: missing or wrong token")]
        public static partial void Rejected(ILogger logger, string address, PathString path);
    }
}
