using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>A phone, as far as the hub can tell: gets a ticket, connects, collects captions.</summary>
internal sealed class CaptionViewer : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private CaptionViewer(HubConnection connection)
    {
        _connection = connection;
        _connection.On<CaptionMessage>("caption", Received.Enqueue);
    }

    public ConcurrentQueue<CaptionMessage> Received { get; } = new();

    public static async Task<string> GetTicketAsync(ApplianceContainer appliance)
    {
        using var client = appliance.CreateClient();
        using var response = await client.PostAsync("/api/tickets", content: null);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("ticket").GetString()!;
    }

    /// <summary>A viewer whose connection carries <paramref name="ticket"/> (none when null).</summary>
    public static CaptionViewer Create(ApplianceContainer appliance, string? ticket) =>
        new(new HubConnectionBuilder()
            .WithUrl(new Uri(appliance.BaseAddress, "/hubs/captions"), options =>
            {
                if (ticket is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(ticket);
                }
            })
            .Build());

    public Task StartAsync(CancellationToken cancellationToken) => _connection.StartAsync(cancellationToken);

    public async Task<IReadOnlyList<CaptionMessage>> WaitForCommittedAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var committed = Received.Where(c => c.Kind == "committed").ToList();
            if (committed.Count >= count)
            {
                return committed;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{count} committed captions not received within {timeout}; got {Received.Count} events: " +
            string.Join(" | ", Received.Take(20).Select(c => $"{c.Seq}:{c.Kind}:{c.Text}")));
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
