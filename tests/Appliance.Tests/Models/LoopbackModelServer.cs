using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace LiveStt.Appliance.Tests.Models;

/// <summary>Serves model files over HTTP on 127.0.0.1 and counts the requests for each.</summary>
internal sealed class LoopbackModelServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly Task _serving;

    public LoopbackModelServer()
    {
        // The free port is found and then bound separately; retry in the rare case another process takes it between.
        for (var attempt = 0; ; attempt++)
        {
            var port = FreeLoopbackPort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                BaseUrl = new Uri($"http://127.0.0.1:{port}/models");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _serving = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Announce the full length, send half the body, then drop the connection.</summary>
    public bool DropMidBody { get; set; }

    /// <summary>When set, half the body is sent and the rest waits until this completes.</summary>
    public TaskCompletionSource? HoldMidBody { get; set; }

    /// <summary>A base URL on 127.0.0.1 where nothing listens.</summary>
    public static Uri UnreachableBaseUrl() => new($"http://127.0.0.1:{FreeLoopbackPort()}/models");

    public void Serve(string fileName, byte[] content) => _files[fileName] = content;

    public int RequestCount(string fileName) => _requests.TryGetValue(fileName, out var count) ? count : 0;

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private static int FreeLoopbackPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => RespondAsync(context));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var fileName = context.Request.Url!.Segments[^1];
        _requests.AddOrUpdate(fileName, 1, (_, count) => count + 1);
        var response = context.Response;
        try
        {
            if (!_files.TryGetValue(fileName, out var content))
            {
                response.StatusCode = 404;
                response.Close();
                return;
            }

            response.ContentLength64 = content.Length;
            if (DropMidBody)
            {
                await response.OutputStream.WriteAsync(content.AsMemory(0, content.Length / 2));
                await response.OutputStream.FlushAsync();
                response.Abort();
                return;
            }

            if (HoldMidBody is { } hold)
            {
                await response.OutputStream.WriteAsync(content.AsMemory(0, content.Length / 2));
                await response.OutputStream.FlushAsync();
                await hold.Task;
                await response.OutputStream.WriteAsync(content.AsMemory(content.Length / 2));
                response.Close();
                return;
            }

            await response.OutputStream.WriteAsync(content);
            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            response.Abort();
        }
    }
}
