using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveStt.Appliance.Tests.Infrastructure;

/// <summary>A phone on an <see cref="ApplianceProcess"/>: gets a ticket, connects to the hub, keeps the captions it receives.</summary>
internal sealed class LiveCaptionClient : IAsyncDisposable
{
    private readonly HubConnection connection;

    private LiveCaptionClient(HubConnection connection)
    {
        this.connection = connection;
        connection.On<JsonElement>("caption", caption => Received.Enqueue((caption.GetProperty("seq").GetInt64(), caption.GetProperty("kind").GetString()!, caption.GetProperty("text").GetString()!)));
        connection.On<JsonElement>("backlog", lines =>
        {
            List<(long Seq, string Text)> backlog = [.. lines.EnumerateArray().Select(line => (line.GetProperty("seq").GetInt64(), line.GetProperty("text").GetString()!))];
            Backlog ??= backlog;
            Backlogs.Enqueue(backlog);
        });
    }

    public HubConnectionState State => connection.State;

    /// <summary>Every backlog the hub sent, in order: the first on connecting, more when the box restores its session.</summary>
    public ConcurrentQueue<IReadOnlyList<(long Seq, string Text)>> Backlogs { get; } = new();

    /// <summary>The committed lines the hub sent first, on connecting (seq and text); null until they arrive.</summary>
    public IReadOnlyList<(long Seq, string Text)>? Backlog { get; private set; }

    public ConcurrentQueue<(long Seq, string Kind, string Text)> Received { get; } = new();

    public IReadOnlyList<(long Seq, string Kind, string Text)> Committed => [.. Received.Where(c => c.Kind == "committed")];

    /// <param name="query">What a reconnecting phone says it has, <c>?session=&lt;id&gt;&amp;after=&lt;seq&gt;</c>.</param>
    public static async Task<LiveCaptionClient> ConnectAsync(ApplianceProcess appliance, string? ticket = null, string? query = null)
    {
        ticket ??= await TicketAsync(appliance);
        var client = new LiveCaptionClient(new HubConnectionBuilder()
            .WithUrl(new Uri(appliance.BaseAddress, "/hubs/captions" + query), options => options.AccessTokenProvider = () => Task.FromResult<string?>(ticket))
            .Build());
        await client.connection.StartAsync(TestContext.Current.CancellationToken);
        return client;
    }

    /// <summary>The hub's <c>Earlier</c>: the committed lines before <paramref name="beforeSeq"/>, and whether there are more.</summary>
    public async Task<(IReadOnlyList<(long Seq, string Text)> Lines, bool More)> EarlierAsync(string sessionId, long beforeSeq, int count)
    {
        var page = await connection.InvokeAsync<JsonElement>("Earlier", sessionId, beforeSeq, count, TestContext.Current.CancellationToken);
        return ([.. page.GetProperty("lines").EnumerateArray().Select(line => (line.GetProperty("seq").GetInt64(), line.GetProperty("text").GetString()!))],
            page.GetProperty("more").GetBoolean());
    }

    public static async Task<string> TicketAsync(ApplianceProcess appliance)
    {
        using var response = await appliance.Http.PostAsync("/api/tickets", content: null, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("ticket").GetString()!;
    }

    /// <summary>Waits for a committed caption after <paramref name="afterSeq"/>; fails with what arrived.</summary>
    public async Task<(long Seq, string Kind, string Text)> WaitForCommittedAsync(TimeSpan timeout, long afterSeq = 0)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var committed = Committed.FirstOrDefault(c => c.Seq > afterSeq);
            if (committed.Kind is not null)
            {
                return committed;
            }

            waited.Elapsed.ShouldBeLessThan(timeout, $"no committed caption after seq {afterSeq}; {Received.Count} events arrived");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
