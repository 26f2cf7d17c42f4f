using System.Threading.Channels;
using LiveStt.Appliance.Captions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveStt.Appliance.Backplane;

/// <summary>
/// On a relay, reads the caption source's events from Redis and hands them to this box's broadcaster, which serves
/// them to its own viewers exactly as a source does: backlog, then live, each line once.
/// </summary>
/// <remarks>
/// At start, and after Redis was lost for so long that events it had not read were trimmed, the relay takes the stream's position first, then the current notice
/// and session lines, then reads on from that position; events between the two are in both, and are skipped by seq.
/// A source that restarts does not disturb the relay: its viewers stay connected and the session goes on.
/// </remarks>
internal sealed partial class BackplaneRelay(
    RedisBackplane redis,
    CaptionBroadcaster local,
    IOptions<CaptionDeliveryOptions> options,
    TimeProvider time,
    ILogger<BackplaneRelay> logger) : BackgroundService
{
    private const int ReadBatch = 500;
    private static readonly TimeSpan IdleReadInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly Channel<bool> _added = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private string? _sessionId;
    private long _lastSeq = -1;
    private long _received;

    /// <summary>Events taken from the source since start-up.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>True while the relay reads the source's events as they come.</summary>
    public bool InSync { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        RedisValue position = default;
        var subscribed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!subscribed)
                {
                    var connection = await redis.ConnectAsync();
                    await connection.GetSubscriber().SubscribeAsync(RedisChannel.Literal(redis.Keys.EventsAdded), (_, _) => _added.Writer.TryWrite(true));
                    subscribed = true;
                }

                var database = await redis.DatabaseAsync();
                if (!InSync)
                {
                    if (position.IsNull || await MissedSomeAsync(database, position))
                    {
                        position = await SyncAsync(database, stoppingToken);
                    }

                    InSync = true;
                    Log.InSync(logger);
                }

                var entries = await database.StreamReadAsync(redis.Keys.Events, position, ReadBatch);
                foreach (var entry in entries)
                {
                    await ApplyAsync(database, entry, stoppingToken);
                    position = entry.Id;
                }

                if (entries.Length < ReadBatch)
                {
                    await WaitForMoreAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                if (InSync)
                {
                    InSync = false;
                    Log.Lost(logger, ex.Message);
                }

                await Task.Delay(RetryInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Whether events after <paramref name="position"/> were trimmed away while the relay could not read. A Redis that
    /// restarted empty is not that: ids grow with the clock, so everything the source wrote since is after the position.
    /// </summary>
    private async Task<bool> MissedSomeAsync(IDatabase database, RedisValue position)
    {
        if (!await database.KeyExistsAsync(redis.Keys.Events))
        {
            return false;
        }

        var info = await database.StreamInfoAsync(redis.Keys.Events);
        return info.Length >= BackplaneForwarder.StreamLength && StreamId.Compare(info.FirstEntry.Id, position) > 0;
    }

    private async Task<RedisValue> SyncAsync(IDatabase database, CancellationToken cancellationToken)
    {
        var newest = await database.StreamRangeAsync(redis.Keys.Events, "-", "+", count: 1, messageOrder: Order.Descending);
        var position = newest.Length > 0 ? newest[0].Id : (RedisValue)"0-0";
        var noticeJson = await database.StringGetAsync(redis.Keys.Notice);
        if (!noticeJson.IsNullOrEmpty && BackplaneJson.ReadNotice(noticeJson.ToString()) is { } notice)
        {
            if (notice.SessionId is { } sessionId)
            {
                await RestoreAsync(database, sessionId, cancellationToken);
            }

            await local.AnnounceAsync(notice, cancellationToken);
        }

        return position;
    }

    private async Task ApplyAsync(IDatabase database, StreamEntry entry, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _received);
        var json = entry["json"].ToString();
        switch (entry["type"].ToString())
        {
            case BackplaneEntry.CaptionType when BackplaneJson.ReadCaption(json) is { } caption:
                if (!string.Equals(caption.SessionId, _sessionId, StringComparison.Ordinal))
                {
                    _sessionId = caption.SessionId;
                    _lastSeq = -1;
                }

                if (caption.Seq > _lastSeq)
                {
                    _lastSeq = caption.Seq;
                    await local.PublishAsync(caption, cancellationToken);
                }

                break;
            case BackplaneEntry.NoticeType when BackplaneJson.ReadNotice(json) is { } notice:
                await local.AnnounceAsync(notice, cancellationToken);
                break;
            case BackplaneEntry.RestoreType:
                await RestoreAsync(database, json, cancellationToken);
                break;
            default:
                Log.Unreadable(logger, entry.Id.ToString());
                break;
        }
    }

    private async Task RestoreAsync(IDatabase database, string sessionId, CancellationToken cancellationToken)
    {
        var backlog = await BackplaneHistory.ReadTailAsync(database, redis.Keys, sessionId, options.Value.BacklogLines);
        _sessionId = sessionId;
        _lastSeq = backlog.Count > 0 ? backlog[^1].Seq : -1;
        await local.RestoreAsync(sessionId, backlog, cancellationToken);
    }

    private async Task WaitForMoreAsync(CancellationToken cancellationToken)
    {
        // The notification only wakes the read early; reading every second covers one that was missed while resubscribing.
        using var idle = new CancellationTokenSource(IdleReadInterval, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        try
        {
            await _added.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1810, Level = LogLevel.Information, Message = "Relaying the caption source's events from Redis")]
        public static partial void InSync(ILogger logger);

        [LoggerMessage(EventId = 1811, Level = LogLevel.Warning, Message = "Lost Redis; this relay's viewers stay connected and get the source's events once it is back: {Reason}")]
        public static partial void Lost(ILogger logger, string reason);

        [LoggerMessage(EventId = 1812, Level = LogLevel.Warning, Message = "Skipped an event in Redis that is not a caption, notice or restore: {EntryId}")]
        public static partial void Unreadable(ILogger logger, string entryId);
    }
}
