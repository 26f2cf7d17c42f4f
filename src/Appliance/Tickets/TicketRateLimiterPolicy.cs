using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Tickets;

/// <summary>
/// Limits ticket requests per client address with a token bucket: a whole room joining at once fits in
/// the burst, while one misbehaving client cannot mint tickets without end.
/// </summary>
internal sealed class TicketRateLimiterPolicy(IOptions<TicketOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "tickets";

    private static readonly TimeSpan ReplenishmentPeriod = TimeSpan.FromSeconds(1);

    private readonly TokenBucketRateLimiterOptions _bucket = new()
    {
        TokenLimit = options.Value.PermitsPerMinutePerAddress,
        TokensPerPeriod = Math.Max(1, options.Value.PermitsPerMinutePerAddress / 60),
        ReplenishmentPeriod = ReplenishmentPeriod,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = static (context, _) =>
    {
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : ReplenishmentPeriod;
        context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var address = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetTokenBucketLimiter(address, _ => _bucket);
    }
}
