using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Tickets;

/// <summary>
/// Limits requests per client address with a token bucket: a whole room joining at once fits in the
/// burst, while one misbehaving client cannot mint tickets, or replay one at the hub, without end.
/// </summary>
internal sealed class TicketRateLimiterPolicy(IOptions<TicketOptions> options) : IRateLimiterPolicy<string>
{
    /// <summary>The policy on <c>POST /api/tickets</c>.</summary>
    public const string Name = "tickets";

    /// <summary>
    /// The same limit, in its own buckets, on the caption hub: negotiation only checks a ticket (see
    /// <see cref="TicketAuthenticationHandler"/>), so without a limit one ticket could be used to
    /// negotiate over and over for as long as it lives.
    /// </summary>
    public const string HubName = "ticket-holders";

    private readonly TokenBucketRateLimiterOptions _bucket = Bucket(options.Value.PermitsPerMinutePerAddress, options.Value.BurstPerAddress);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = static (context, _) =>
    {
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var address = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetTokenBucketLimiter(address, _ => _bucket);
    }

    /// <summary>
    /// A bucket <paramref name="burst"/> deep, refilled evenly across the minute: every second for
    /// rates of at least one a second, otherwise one permit at a time.
    /// </summary>
    internal static TokenBucketRateLimiterOptions Bucket(int permitsPerMinute, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = permitsPerMinute >= 60 ? (permitsPerMinute + 59) / 60 : 1,
        ReplenishmentPeriod = permitsPerMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1) / permitsPerMinute,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
