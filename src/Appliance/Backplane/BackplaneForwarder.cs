using System.Threading.Channels;
using StackExchange.Redis;

namespace LiveStt.Appliance.Backplane;

/// <summary>
/// Writes the caption source's events to Redis, in order, one at a time. While Redis cannot be reached the event at
/// the head is retried every second and the rest wait in a bounded queue; when that is full, new events are dropped
/// and counted (relays then catch up from the session's lines when they resync).
/// </summary>
internal sealed partial class BackplaneForwarder(RedisBackplane redis, TimeProvider time, ILogger<BackplaneForwarder> logger) : BackgroundService
{
    /// <summary>Events the stream keeps for relays that were briefly away; a relay away longer resyncs from the lines.</summary>
    public const int StreamLength = 10_000;

    private const int QueueCapacity = 10_000;
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly Channel<BackplaneEntry> _queue = Channel.CreateBounded<BackplaneEntry>(new BoundedChannelOptions(QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private long _dropped;
    private long _forwarded;

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Forwarded => Interlocked.Read(ref _forwarded);

    public int Waiting => _queue.Reader.Count;

    public void Enqueue(BackplaneEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry) && Interlocked.Increment(ref _dropped) == 1)
        {
            Log.QueueFull(logger, QueueCapacity);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var unreachable = false;
        await foreach (var entry in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            while (true)
            {
                try
                {
                    await WriteAsync(entry);
                    Interlocked.Increment(ref _forwarded);
                    if (unreachable)
                    {
                        unreachable = false;
                        Log.Reached(logger, _queue.Reader.Count);
                    }

                    break;
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    if (!unreachable)
                    {
                        unreachable = true;
                        Log.Unreachable(logger, ex.Message);
                    }

                    await Task.Delay(RetryInterval, time, stoppingToken);
                }
            }
        }
    }

    private async Task WriteAsync(BackplaneEntry entry)
    {
        var database = await redis.DatabaseAsync();
        var keys = redis.Keys;
        var transaction = database.CreateTransaction();
        var steps = new List<Task>();
        if (entry.CommittedLines is { } lines && entry.SessionId is { } sessionId)
        {
            var linesKey = keys.Lines(sessionId);
            if (entry.Type == BackplaneEntry.RestoreType)
            {
                // The source's transcript on disk is the whole truth after a restart: lines it wrote to Redis before the cut may be fewer.
                steps.Add(transaction.KeyDeleteAsync(linesKey));
            }

            if (lines.Count > 0)
            {
                steps.Add(transaction.ListRightPushAsync(linesKey, [.. lines.Select(line => (RedisValue)line)]));
            }

            steps.Add(transaction.KeyExpireAsync(linesKey, redis.HistoryLifetime));
        }

        if (entry.Type == BackplaneEntry.NoticeType)
        {
            steps.Add(transaction.StringSetAsync(keys.Notice, entry.Json));
        }

        var added = transaction.StreamAddAsync(
            keys.Events,
            [new NameValueEntry("type", entry.Type), new NameValueEntry("json", entry.Json)],
            maxLength: StreamLength,
            useApproximateMaxLength: true);
        steps.Add(added);
        if (!await transaction.ExecuteAsync())
        {
            throw new RedisException("Redis did not run the transaction.");
        }

        await Task.WhenAll(steps);
        await database.PublishAsync(RedisChannel.Literal(keys.EventsAdded), await added);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1800, Level = LogLevel.Warning, Message = "Redis cannot be reached, so relays are not getting captions; retrying every second: {Reason}")]
        public static partial void Unreachable(ILogger logger, string reason);

        [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Redis reached again; {Waiting} events still to send to the relays")]
        public static partial void Reached(ILogger logger, int waiting);

        [LoggerMessage(EventId = 1802, Level = LogLevel.Error, Message = "{Capacity} events are waiting for Redis; later ones are dropped until it is back")]
        public static partial void QueueFull(ILogger logger, int capacity);
    }
}
