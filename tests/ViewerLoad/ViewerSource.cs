using System.Net;
using System.Net.Sockets;

namespace LiveStt.ViewerLoad;

/// <summary>
/// One source address on loopback (127.0.0.x) that viewers connect from, as the phones of one household or one NAT
/// would: the box's per-address limits count them together.
/// </summary>
internal sealed class ViewerSource : IDisposable
{
    private readonly SocketsHttpHandler _handler;

    public ViewerSource(IPAddress address, Uri box)
    {
        Address = address;
        _handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(address, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        Http = new HttpClient(_handler, disposeHandler: false) { BaseAddress = box, Timeout = TimeSpan.FromSeconds(60) };
        WebSockets = new HttpMessageInvoker(_handler, disposeHandler: false);
    }

    public IPAddress Address { get; }

    /// <summary>For <c>POST /api/tickets</c>.</summary>
    public HttpClient Http { get; }

    /// <summary>For the hub's WebSocket upgrade, from the same address.</summary>
    public HttpMessageInvoker WebSockets { get; }

    public void Dispose()
    {
        Http.Dispose();
        WebSockets.Dispose();
        _handler.Dispose();
    }
}
