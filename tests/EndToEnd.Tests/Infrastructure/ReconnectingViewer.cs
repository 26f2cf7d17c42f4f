using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A phone that stays on the page through the box's restart, as the viewer page does: when its connection drops it
/// reconnects with a fresh ticket, saying the session and the last committed seq it has
/// (<c>?session=&amp;after=</c>). Keeps every committed caption exactly as it arrived, duplicates included, so a test
/// can see there are none.
/// </summary>
internal sealed class ReconnectingViewer : IAsyncDisposable
{
    private readonly ApplianceContainer appliance;
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private readonly List<CaptionMessage> committed = [];
    private HubConnection? connection;
    private Task reconnecting = Task.CompletedTask;

    private ReconnectingViewer(ApplianceContainer appliance) => this.appliance = appliance;

    /// <summary>Connections made, the first included.</summary>
    public int Connections { get; private set; }

    /// <summary>Every committed caption received, in arrival order.</summary>
    public IReadOnlyList<CaptionMessage> Committed
    {
        get
        {
            lock (gate)
            {
                return [.. committed];
            }
        }
    }

    public static async Task<ReconnectingViewer> ConnectAsync(ApplianceContainer appliance)
    {
        var viewer = new ReconnectingViewer(appliance);
        await viewer.ConnectOnceAsync();
        return viewer;
    }

    public async Task<IReadOnlyList<CaptionMessage>> WaitForCommittedAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var all = Committed;
            if (all.Count >= count)
            {
                return all;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{count} committed captions not received within {timeout}; got {Committed.Count} in {Connections} connections");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await reconnecting;
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        stop.Dispose();
    }

    private async Task ConnectOnceAsync()
    {
        var ticket = await CaptionViewer.GetTicketAsync(appliance);
        var url = new UriBuilder(new Uri(appliance.BaseAddress, "/hubs/captions"));
        lock (gate)
        {
            if (committed.Count > 0)
            {
                var last = committed[^1];
                url.Query = $"session={last.SessionId}&after={committed.Where(c => c.SessionId == last.SessionId).Max(c => c.Seq)}";
            }
        }

        var next = new HubConnectionBuilder()
            .WithUrl(url.Uri, options => options.AccessTokenProvider = () => Task.FromResult<string?>(ticket))
            .Build();
        next.On<CaptionMessage>("caption", caption => Keep([caption]));
        next.On<JsonElement>("backlog", backlog => Keep(backlog.Deserialize<CaptionMessage[]>(JsonSerializerOptions.Web) ?? []));
        next.Closed += _ =>
        {
            if (!stop.IsCancellationRequested)
            {
                reconnecting = ReconnectAsync();
            }

            return Task.CompletedTask;
        };
        await next.StartAsync(stop.Token);
        var previous = connection;
        connection = next;
        Connections++;
        if (previous is not null)
        {
            await previous.DisposeAsync();
        }
    }

    private async Task ReconnectAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
                await ConnectOnceAsync();
                return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or TaskCanceledException)
            {
                // The box is still coming back; try again, as the page does.
            }
        }
    }

    private void Keep(IEnumerable<CaptionMessage> captions)
    {
        lock (gate)
        {
            committed.AddRange(captions.Where(c => c.Kind == "committed"));
        }
    }
}
