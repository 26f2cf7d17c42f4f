using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>
/// A unix socket in front of the real Docker Engine that passes every request through, except those the test
/// chooses to fail: they get the engine's own error shape (HTTP 500, a JSON message), as a daemon that is
/// restarting or out of disk answers.
/// </summary>
public sealed class DockerFaultProxy : IAsyncDisposable
{
    public const string FaultMessage = "injected fault: the engine is unavailable";

    private readonly WebApplication _app;
    private readonly HttpClient _engine;
    private int _failed;

    private DockerFaultProxy(WebApplication app, HttpClient engine, string socketPath)
    {
        _app = app;
        _engine = engine;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    /// <summary>The endpoint to give the agent as OpsAgent:DockerEndpoint.</summary>
    public string Endpoint => "unix://" + SocketPath;

    /// <summary>Requests (method, path) that fail while this returns true; null passes everything.</summary>
    public Func<string, string, bool>? Fail { get; set; }

    /// <summary>How many requests were failed so far.</summary>
    public int Failed => Volatile.Read(ref _failed);

    public static async Task<DockerFaultProxy> StartAsync(string engineSocket = "/var/run/docker.sock")
    {
        var socketPath = Path.Combine(Path.GetTempPath(), $"docker-fault-{Guid.NewGuid():N}.sock");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socketPath));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var engine = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(engineSocket), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = new Uri("http://docker"), Timeout = Timeout.InfiniteTimeSpan };
        var proxy = new DockerFaultProxy(app, engine, socketPath);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        if (Fail?.Invoke(request.Method, request.Path.Value ?? "") == true)
        {
            Interlocked.Increment(ref _failed);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"message":"{{FaultMessage}}"}""" + "\n", context.RequestAborted);
            return;
        }
        using var forwarded = new HttpRequestMessage(new HttpMethod(request.Method), request.Path + request.QueryString);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            forwarded.Content = new StreamContent(request.Body);
        }
        foreach (var header in request.Headers)
        {
            if (header.Key is "Host" or "Transfer-Encoding" || forwarded.Headers.TryAddWithoutValidation(header.Key, [.. header.Value]))
            {
                continue;
            }
            forwarded.Content?.Headers.TryAddWithoutValidation(header.Key, [.. header.Value]);
        }
        using var response = await _engine.SendAsync(forwarded, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (header.Key is not "Transfer-Encoding")
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        await body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _engine.Dispose();
        File.Delete(SocketPath);
    }
}
