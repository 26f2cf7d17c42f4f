using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A phone coming back to the box with the last line it has (<c>?session=&amp;after=</c>), once: keeps its backlog and
/// every committed caption after it exactly as they arrive, duplicates included, so a test can see there are none.
/// </summary>
internal sealed class ResumingViewer : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<CaptionMessage> committed = [];
    private readonly HubConnection connection;
    private int backlogLines = -1;

    private ResumingViewer(HubConnection connection)
    {
        this.connection = connection;
        connection.On<CaptionMessage>("caption", caption => Keep([caption], backlog: false));
        connection.On<JsonElement>("backlog", backlog => Keep(backlog.Deserialize<CaptionMessage[]>(JsonSerializerOptions.Web) ?? [], backlog: true));
    }

    /// <summary>Lines in the backlog it was sent on connecting; -1 before it came.</summary>
    public int BacklogLines
    {
        get
        {
            lock (gate)
            {
                return backlogLines;
            }
        }
    }

    /// <summary>Every committed caption received, backlog first, in arrival order.</summary>
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

    public static async Task<ResumingViewer> ConnectAsync(ApplianceContainer appliance, string sessionId, long after, CancellationToken cancellationToken)
    {
        var ticket = await CaptionViewer.GetTicketAsync(appliance);
        var url = new UriBuilder(new Uri(appliance.BaseAddress, "/hubs/captions")) { Query = $"session={sessionId}&after={after}" };
        var viewer = new ResumingViewer(new HubConnectionBuilder()
            .WithUrl(url.Uri, options => options.AccessTokenProvider = () => Task.FromResult<string?>(ticket))
            .Build());
        try
        {
            await viewer.connection.StartAsync(cancellationToken);
            return viewer;
        }
        catch
        {
            await viewer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the backlog sent on connecting; the number of lines in it.</summary>
    public async Task<int> WaitForBacklogAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (BacklogLines < 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no backlog within {timeout}");
            }

            await Task.Delay(100);
        }

        return BacklogLines;
    }

    public async Task WaitForCommittedAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Committed.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{count} committed captions not received within {timeout}; got {Committed.Count}");
            }

            await Task.Delay(250);
        }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private void Keep(IEnumerable<CaptionMessage> captions, bool backlog)
    {
        lock (gate)
        {
            var lines = captions.Where(c => c.Kind == "committed").ToList();
            if (backlog)
            {
                backlogLines = lines.Count;
            }

            committed.AddRange(lines);
        }
    }
}
