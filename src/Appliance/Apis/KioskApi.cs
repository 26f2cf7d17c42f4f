using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using LiveStt.Appliance.Kiosk;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Apis;

/// <summary>
/// <c>/api/kiosk</c>: unlocking the volunteers' kiosk with its PIN. The state and the unlock are public (they are how
/// a browser gets in); unlocking is limited per client and overall, and needs the anti-forgery token the state hands out.
/// </summary>
public static partial class KioskApi
{
    internal const string HowToSetPin =
        "No kiosk PIN is set on this box, so the kiosk stays locked. Whoever installed the box sets one: scripts/run.sh " +
        "makes one on its first run (in .secrets/kiosk-pin beside the checkout, readable by root); otherwise set " +
        "Kiosk__PinFile to a file holding 4 to 12 digits (or Kiosk__Pin to the digits) and restart the appliance.";

    public static IEndpointRouteBuilder MapKioskApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var kiosk = endpoints.MapGroup("/api/kiosk");
        kiosk.MapGet("/", GetState).WithName("GetKioskState");
        kiosk.MapPost("/unlock", UnlockAsync).WithName("UnlockKiosk").AddEndpointFilter<KioskAntiforgeryFilter>();
        kiosk.MapPost("/lock", LockAsync).WithName("LockKiosk").AddEndpointFilter<KioskAntiforgeryFilter>();
        return endpoints;
    }

    internal static Ok<KioskState> GetState(HttpContext context, KioskPin pin, PinAttemptLimiter limiter, IAntiforgery antiforgery, IOptions<KioskOptions> options)
    {
        NoStore(context.Response);
        var unlocked = context.User.Identity?.IsAuthenticated == true && context.User.Identity.AuthenticationType == KioskAuthentication.Scheme;
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new KioskState(
            pin.IsConfigured,
            unlocked,
            Seconds(limiter.LockedFor(Client(context))),
            tokens.RequestToken!,
            options.Value.SessionIdleMinutes,
            pin.IsConfigured ? null : HowToSetPin));
    }

    internal static async Task<Results<Ok<UnlockResult>, ProblemHttpResult>> UnlockAsync(
        UnlockRequest request,
        HttpContext context,
        KioskPin pin,
        PinAttemptLimiter limiter,
        IAntiforgery antiforgery,
        IOptions<KioskOptions> options,
        KioskHostGate hosts,
        ILoggerFactory loggers)
    {
        NoStore(context.Response);
        var logger = loggers.CreateLogger(typeof(KioskApi));
        var client = Client(context);
        if (hosts.Refuses(context.Request.Host))
        {
            // Before the PIN is even looked at: a guess through the public address is no guess at all.
            return TypedResults.Problem(KioskHostGate.Refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not through this address");
        }
        if (!pin.IsConfigured)
        {
            return TypedResults.Problem(HowToSetPin, statusCode: StatusCodes.Status403Forbidden, title: "No kiosk PIN is set");
        }

        var attempt = limiter.Begin(client);
        if (!attempt.Allowed)
        {
            Log.LockedOut(logger, client, Seconds(attempt.RetryAfter));
            return TooManyTries(context.Response, attempt.RetryAfter);
        }

        if (!pin.Matches(request?.Pin))
        {
            Log.WrongPin(logger, client, attempt.AttemptsLeft);
            if (attempt.RetryAfter > TimeSpan.Zero)
            {
                return TooManyTries(context.Response, attempt.RetryAfter);
            }

            return TypedResults.Problem(
                attempt.AttemptsLeft == 1 ? "That PIN is not right. One more try before the kiosk makes you wait." : $"That PIN is not right. {attempt.AttemptsLeft} more tries before the kiosk makes you wait.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Wrong PIN",
                extensions: new Dictionary<string, object?> { ["attemptsLeft"] = attempt.AttemptsLeft });
        }

        limiter.Succeeded(client);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))), new Claim(ClaimTypes.Role, "volunteer")],
            KioskAuthentication.Scheme));
        await context.SignInAsync(KioskAuthentication.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
        // The anti-forgery token is tied to who asks: the page needs one made for the session it has just opened.
        context.User = principal;
        var tokens = antiforgery.GetAndStoreTokens(context);
        Log.Unlocked(logger, client);
        return TypedResults.Ok(new UnlockResult(tokens.RequestToken!, options.Value.SessionIdleMinutes));
    }

    internal static async Task<NoContent> LockAsync(HttpContext context, CancellationToken cancellationToken)
    {
        NoStore(context.Response);
        cancellationToken.ThrowIfCancellationRequested();
        await context.SignOutAsync(KioskAuthentication.Scheme);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult TooManyTries(HttpResponse response, TimeSpan wait)
    {
        var seconds = Seconds(wait);
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            $"Too many wrong PINs. Try again in {Describe(seconds)}.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Kiosk locked for a while",
            extensions: new Dictionary<string, object?> { ["lockedForSeconds"] = seconds });
    }

    private static string Describe(int seconds) =>
        seconds < 90 ? $"{seconds} seconds" : $"{(seconds + 59) / 60} minutes";

    private static int Seconds(TimeSpan wait) => wait <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(wait.TotalSeconds);

    private static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static void NoStore(HttpResponse response) => response.Headers.CacheControl = "no-store";

    private static partial class Log
    {
        [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Kiosk unlocked from {Client}")]
        public static partial void Unlocked(ILogger logger, string client);

        [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "Wrong kiosk PIN from {Client}; {AttemptsLeft} tries left before a lockout")]
        public static partial void WrongPin(ILogger logger, string client, int attemptsLeft);

        [LoggerMessage(EventId = 1704, Level = LogLevel.Warning, Message = "Kiosk PIN try from {Client} refused: locked out for {Seconds} s more")]
        public static partial void LockedOut(ILogger logger, string client, int seconds);
    }
}
