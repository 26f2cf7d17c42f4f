using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace LiveStt.Appliance.Tests.Infrastructure;

/// <summary>
/// A real redis-server (Debian's) on 127.0.0.1 and a free port, keeping nothing on disk; killed when disposed.
/// <see cref="StopAsync"/> and <see cref="StartAsync"/> take it away and bring it back on the same port.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly List<string> output = [];
    private Process? process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The connection string the appliance's <c>Captions__Redis</c> takes.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartNewAsync()
    {
        var server = new RedisServer(ApplianceProcess.FreePort());
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"])
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (!await AnswersPingAsync())
        {
            process.HasExited.ShouldBeFalse($"redis-server exited:\n{string.Join('\n', output)}");
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), $"redis-server did not answer on {Port}:\n{string.Join('\n', output)}");
            await Task.Delay(50);
        }
    }

    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process?.Dispose();
        process = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        lock (output)
        {
            output.Add(line ?? "");
        }
    }
}
