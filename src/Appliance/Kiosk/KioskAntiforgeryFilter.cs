using Microsoft.AspNetCore.Antiforgery;

namespace LiveStt.Appliance.Kiosk;

/// <summary>
/// Refuses a state-changing request that lacks the kiosk's anti-forgery token. The session cookie is SameSite=Strict
/// already; the token is the second lock, for browsers or proxies that do not honour that.
/// </summary>
internal sealed partial class KioskAntiforgeryFilter(IAntiforgery antiforgery, ILogger<KioskAntiforgeryFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
        {
            return await next(context);
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException ex)
        {
            Log.Refused(logger, http.Request.Method, http.Request.Path, ex.Message);
            return TypedResults.Problem(
                "The request did not carry this kiosk page's anti-forgery token, which keeps other web pages from acting on the box in your name. Reload the kiosk page and try again.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Reload the kiosk page");
        }

        return await next(context);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Refused {Method} {Path}: anti-forgery check failed ({Reason})")]
        public static partial void Refused(ILogger logger, string method, string path, string reason);
    }
}
