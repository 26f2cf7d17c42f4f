using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using LiveStt.Appliance.Captions;

namespace LiveStt.Appliance.Tests.Faults;

/// <summary>
/// A WebSocket to the caption hub with no SignalR client in front of it, to send what a real client never would.
/// Connects from <c>127.0.0.1</c>, or from another loopback address, so one test can be several clients' addresses.
/// </summary>
internal sealed class RawHubSocket : IDisposable
{
    /// <summary>SignalR's JSON protocol ends every message with this byte.</summary>
    public const char RecordSeparator = '\u001e';

    public const string Handshake = """{"protocol":"json","version":1}""" + "\u001e";

    private readonly ClientWebSocket socket;
    private readonly HttpMessageInvoker invoker;

    private RawHubSocket(ClientWebSocket socket, HttpMessageInvoker invoker)
    {
        this.socket = socket;
        this.invoker = invoker;
    }

    public ClientWebSocket Socket => socket;

    /// <summary>Opens the WebSocket (the HTTP upgrade); the handshake is the caller's to send, or not.</summary>
    /// <returns>The socket, or null and the HTTP status the upgrade was refused with.</returns>
    public static async Task<(RawHubSocket? Socket, HttpStatusCode Status)> TryConnectAsync(Uri baseAddress, string? ticket, IPAddress? from = null)
    {
        var invoker = new HttpMessageInvoker(Handler(from ?? IPAddress.Loopback));
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var url = new UriBuilder(baseAddress) { Scheme = "ws", Path = CaptionHub.Path, Query = ticket is null ? "" : "access_token=" + Uri.EscapeDataString(ticket) }.Uri;
        try
        {
            await socket.ConnectAsync(url, invoker, TestContext.Current.CancellationToken);
            return (new RawHubSocket(socket, invoker), socket.HttpStatusCode);
        }
        catch (WebSocketException)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            invoker.Dispose();
            return (null, status);
        }
    }

    /// <summary>A client of <paramref name="from"/>: a loopback address other than 127.0.0.1 is another machine to the server.</summary>
    public static SocketsHttpHandler Handler(IPAddress from) => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                client.Bind(new IPEndPoint(from, 0));
                await client.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(client, ownsSocket: true);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        },
    };

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendAsync(byte[] bytes, WebSocketMessageType type) =>
        await socket.SendAsync(bytes, type, endOfMessage: true, TestContext.Current.CancellationToken);

    /// <summary>Reads until <paramref name="count"/> messages have arrived (split at the record separator), or the server closes.</summary>
    public async Task<List<string>> ReceiveAsync(int count, TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        var messages = new List<string>();
        var pending = new StringBuilder();
        var buffer = new byte[8192];
        while (messages.Count < count && socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(buffer, cts.Token);
            }
            catch (WebSocketException)
            {
                // The server dropped the connection without a close frame.
                break;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            var text = pending.ToString();
            var end = text.LastIndexOf(RecordSeparator);
            if (end >= 0)
            {
                messages.AddRange(text[..end].Split(RecordSeparator));
                pending.Clear().Append(text[(end + 1)..]);
            }
        }

        return messages;
    }

    /// <summary>Everything the server sends until it closes the socket, and how it closed it; fails after <paramref name="timeout"/>.</summary>
    public async Task<(List<string> Messages, WebSocketCloseStatus? Status)> ReceiveUntilClosedAsync(TimeSpan timeout)
    {
        var messages = await ReceiveAsync(int.MaxValue, timeout);
        return (messages, socket.CloseStatus);
    }

    public void Dispose()
    {
        socket.Dispose();
        invoker.Dispose();
    }
}
