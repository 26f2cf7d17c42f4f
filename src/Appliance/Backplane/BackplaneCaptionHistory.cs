using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Transcripts;
using StackExchange.Redis;

namespace LiveStt.Appliance.Backplane;

/// <summary>
/// A relay's history: the session's lines as the source wrote them to Redis, since the relay keeps no transcript of its
/// own. While Redis cannot be reached there is none, and a viewer resuming from further back than the backlog gets the
/// backlog only.
/// </summary>
internal sealed partial class BackplaneCaptionHistory(RedisBackplane redis, ILogger<BackplaneCaptionHistory> logger) : ICaptionHistory
{
    public ValueTask<CaptionHistoryPage> AfterAsync(string sessionId, long afterSeq, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return ReadAsync(sessionId, lines => Newest([.. lines.Where(line => line.Seq > afterSeq)], max));
    }

    public ValueTask<CaptionHistoryPage> BeforeAsync(string sessionId, long beforeSeq, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return ReadAsync(sessionId, lines => Newest([.. lines.TakeWhile(line => line.Seq < beforeSeq)], count));
    }

    private static CaptionHistoryPage Newest(List<CaptionEvent> lines, int max) =>
        lines.Count > max ? new(lines[^max..], More: true) : new(lines, More: false);

    private async ValueTask<CaptionHistoryPage> ReadAsync(string sessionId, Func<List<CaptionEvent>, CaptionHistoryPage> pick)
    {
        // The id goes into a key name, so only what the box itself makes is taken.
        if (!TranscriptFormat.IsSessionId(sessionId) || redis.IsKnownDown)
        {
            return CaptionHistoryPage.Empty;
        }

        try
        {
            return pick(await BackplaneHistory.ReadAllAsync(await redis.DatabaseAsync(), redis.Keys, sessionId));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.Unreadable(logger, sessionId, ex.Message);
            return CaptionHistoryPage.Empty;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1820, Level = LogLevel.Warning, Message = "Could not read session {SessionId}'s lines from Redis for a viewer catching up: {Reason}")]
        public static partial void Unreadable(ILogger logger, string sessionId, string reason);
    }
}
