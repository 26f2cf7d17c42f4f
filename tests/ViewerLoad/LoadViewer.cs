using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveStt.ViewerLoad;

/// <summary>
/// One phone: takes its own ticket from <c>POST /api/tickets</c>, connects to the caption hub with it as
/// <c>access_token</c> over a WebSocket without negotiation (as the viewer page does), and records every caption's
/// seq and the time it arrived. It does not reconnect, so a connection the box drops stays counted as dropped.
/// </summary>
internal sealed class LoadViewer : IAsyncDisposable
{
    private readonly ViewerSource _source;
    private HubConnection? _connection;
    private volatile bool _closing;

    public LoadViewer(ViewerSource source)
    {
        _source = source;
    }

    /// <summary>(session, seq, publishedAtUnixMs, receivedAtUnixMs) of each live caption, in arrival order.</summary>
    /// <remarks>The client calls one connection's handlers one at a time, so this needs no lock.</remarks>
    public List<(string SessionId, long Seq, long PublishedAtUnixMs, long ReceivedAtUnixMs)> Captions { get; } = new(256);

    public int TicketsRefused { get; private set; }

    public int ConnectionsRefused { get; private set; }

    /// <summary>Set when the connection closed without this side closing it.</summary>
    public bool Dropped { get; private set; }

    public DateTimeOffset? DroppedAt { get; private set; }

    /// <summary>Takes a ticket and connects, waiting and trying again (counted) while the box answers 429 or refuses.</summary>
    public async Task JoinAsync(Uri box, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var response = await _source.Http.PostAsync(new Uri("/api/tickets", UriKind.Relative), content: null, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                TicketsRefused++;
                await Task.Delay(RetryAfter(response), cancellationToken);
                continue;
            }

            response.EnsureSuccessStatusCode();
            var ticket = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("ticket").GetString()!;
            var connection = Build(box, ticket);
            try
            {
                await connection.StartAsync(cancellationToken);
                _connection = connection;
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or WebSocketException or InvalidOperationException or IOException)
            {
                ConnectionsRefused++;
                await connection.DisposeAsync();
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private HubConnection Build(Uri box, string ticket)
    {
        var hub = new UriBuilder(box) { Path = "/hubs/captions", Query = "access_token=" + Uri.EscapeDataString(ticket) }.Uri;
        var builder = new HubConnectionBuilder()
            .WithUrl(hub, HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var socket = new ClientWebSocket();
                    try
                    {
                        await socket.ConnectAsync(context.Uri, _source.WebSockets, cancellationToken);
                        return socket;
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                };
            });
        var connection = builder.Build();
        connection.On<CaptionFrame>("caption", caption => Captions.Add(
            (caption.SessionId, caption.Seq, caption.PublishedAtUnixMs ?? 0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())));
        connection.On<CaptionFrame[]>("backlog", _ => { });
        connection.On<SessionFrame>("session", _ => { });
        connection.Closed += _ =>
        {
            if (!_closing)
            {
                Dropped = true;
                DroppedAt = DateTimeOffset.UtcNow;
            }

            return Task.CompletedTask;
        };
        return connection;
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero ? delta : TimeSpan.FromSeconds(1);

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
