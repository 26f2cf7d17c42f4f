using LiveStt.Appliance.Captions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveStt.Appliance.Backplane;

/// <summary>
/// The one Redis connection a box keeps to the others serving the same captions. It connects on first use and then
/// reconnects by itself for as long as the box runs, so Redis may start after the box, or restart under it.
/// </summary>
internal sealed class RedisBackplane(IOptions<CaptionDeliveryOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _connection;

    public BackplaneKeys Keys { get; } = new(options.Value.RedisKeyPrefix);

    public TimeSpan HistoryLifetime { get; } = TimeSpan.FromDays(options.Value.RedisHistoryDays);

    public bool IsConnected => _connection?.IsConnected == true;

    /// <summary>Connected once, and not connected now: asking would only wait.</summary>
    public bool IsKnownDown => _connection is { IsConnected: false };

    public async Task<ConnectionMultiplexer> ConnectAsync()
    {
        if (_connection is { } connection)
        {
            return connection;
        }

        await _connecting.WaitAsync();
        try
        {
            return _connection ??= await ConnectionMultiplexer.ConnectAsync(RedisConnectionString.ForBackplane(options.Value.Redis!));
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async Task<IDatabase> DatabaseAsync() => (await ConnectAsync()).GetDatabase();

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.CloseAsync();
            _connection.Dispose();
        }

        _connecting.Dispose();
    }
}
