using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Debian's docker-registry on a free loopback port, storing in a temp folder: the registry a site pushes its releases
/// to. The engine pulls from 127.0.0.0/8 over plain HTTP without being told. Stopped and its storage removed on dispose,
/// along with every local name under its address (the tags pushed, the digests pushed and pulled).
/// </summary>
internal sealed class LocalRegistry : IAsyncDisposable
{
    private readonly string _work;
    private readonly Process _process;

    private LocalRegistry(string work, string address, Process process)
    {
        _work = work;
        Address = address;
        _process = process;
    }

    /// <summary>host:port, as image references name it.</summary>
    public string Address { get; }

    public static async Task<LocalRegistry> StartAsync()
    {
        var work = Directory.CreateTempSubdirectory("livestt-registry-").FullName;
        var address = $"127.0.0.1:{FreeLoopbackPort()}";
        var config = Path.Combine(work, "registry.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(work, "storage")}
            http:
              addr: {address}
            """);
        var process = Process.Start(new ProcessStartInfo("/usr/bin/docker-registry", ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("docker-registry did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new LocalRegistry(work, address, process);
        try
        {
            await registry.WaitUntilServingAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }

        return registry;
    }

    /// <summary>Tags a local image as this registry's repository:tag and pushes it; returns the registry's digest.</summary>
    public async Task<string> PushAsync(string image, string repository, string tag)
    {
        var reference = $"{Address}/{repository}:{tag}";
        await DockerCli.RunAsync(["tag", image, reference], TimeSpan.FromMinutes(1));
        await DockerCli.RunAsync(["push", "--quiet", reference], TimeSpan.FromMinutes(10));
        var digests = await DockerCli.RunAsync(["image", "inspect", "-f", "{{range .RepoDigests}}{{println .}}{{end}}", image], TimeSpan.FromMinutes(1));
        return digests.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Single(d => d.StartsWith($"{Address}/{repository}@", StringComparison.Ordinal))
            .Split('@')[1];
    }

    public async ValueTask DisposeAsync()
    {
        // Names only: the images themselves belong to whoever built them, or go when their last name does.
        var names = await DockerCli.RunAsync(
            ["image", "ls", "--digests", "--format", "{{.Repository}} {{.Tag}} {{.Digest}}"], TimeSpan.FromMinutes(1), throwOnError: false);
        foreach (var fields in names.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')))
        {
            if (fields.Length == 3 && fields[0].StartsWith(Address + "/", StringComparison.Ordinal))
            {
                var reference = fields[1] != "<none>" ? $"{fields[0]}:{fields[1]}" : $"{fields[0]}@{fields[2]}";
                await DockerCli.RunAsync(["rmi", reference], TimeSpan.FromMinutes(1), throwOnError: false);
            }
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://{Address}/v2/"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
            }

            if (DateTime.UtcNow >= deadline || _process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry did not serve {Address} within {timeout}");
            }

            await Task.Delay(200);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
