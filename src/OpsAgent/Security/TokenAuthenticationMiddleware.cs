using System.Globalization;

namespace LiveStt.OpsAgent.Security;

/// <summary>Requires "Authorization: Bearer &lt;token&gt;" on every endpoint but liveness; rate-limits failures.</summary>
internal sealed partial class TokenAuthenticationMiddleware(RequestDelegate next, ApiToken token, AuthFailureLimiter limiter, ILogger<TokenAuthenticationMiddleware> logger)
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
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return;
        }
        var header = context.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        if (!token.Matches(presented))
        {
            limiter.RecordFailure(address);
            // Never log what was presented: a mistyped token is most of a real one.
            Log.Rejected(logger, address, context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return;
        }
        await next(context);
    }

    private static partial class Log
    {
        [LoggerMessage(60, LogLevel.Warning, "Rejected a request from {Address} to {Path}: missing or wrong token")]
        public static partial void Rejected(ILogger logger, string address, PathString path);
    }
}
