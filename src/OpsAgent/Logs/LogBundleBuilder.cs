using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Balena;
using LiveStt.OpsAgent.Health;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Security;
using LiveStt.OpsAgent.Updates;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Logs;

/// <summary>
/// Writes the support bundle: a .tar.gz with each managed container's recent logs (stdout and stderr
/// separated, timestamped), the update history, the latest health results and system information. Every
/// text passes through the redactor; the uncompressed total is capped, keeping the newest log lines.
/// </summary>
public sealed class LogBundleBuilder(
    IDockerClient docker,
    UpdateHistory history,
    HealthMonitor health,
    ApiToken token,
    BalenaEnvironment balena,
    BalenaSupervisorClient supervisor,
    IOptions<OpsAgentOptions> options,
    TimeProvider time)
{
    private const int MetadataShare = 8; // metadata may take at most 1/8 of the cap

    public async Task WriteAsync(Stream output, TimeSpan window, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var since = time.GetUtcNow() - window;
        var containers = new List<(ManagedServiceOptions Service, ContainerInspectResponse? Container)>();
        var secrets = new List<string> { token.Value };
        if (balena.ApiKey is not null)
        {
            secrets.Add(balena.ApiKey);
        }
        secrets.AddRange(SecretRedactor.SecretValues(Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}")));
        if (!balena.Enabled)
        {
            foreach (var service in o.Services)
            {
                ContainerInspectResponse? container = null;
                try
                {
                    container = await docker.Containers.InspectContainerAsync(service.ContainerName, cancellationToken);
                    secrets.AddRange(SecretRedactor.SecretValues(container.Config?.Env));
                }
                catch (DockerContainerNotFoundException)
                {
                }
                containers.Add((service, container));
            }
        }
        var redactor = new SecretRedactor(secrets);

        var files = new List<(string Name, byte[] Content)>
        {
            ("history.jsonl", Text(redactor, string.Join('\n', history.Read(2000).Select(e => JsonSerializer.Serialize(e, AgentJson.Options))) + "\n")),
            ("health.json", Text(redactor, JsonSerializer.Serialize(health.Latest, AgentJson.Indented))),
            ("system.json", Text(redactor, JsonSerializer.Serialize(await SystemInfoAsync(since, window, cancellationToken), AgentJson.Indented))),
            ("containers.json", Text(redactor, JsonSerializer.Serialize(containers.Select(c => Describe(c.Service, c.Container, redactor)), AgentJson.Indented))),
        };
        var metadataBudget = o.MaxLogBundleBytes / MetadataShare;
        foreach (var i in Enumerable.Range(0, files.Count))
        {
            if (files[i].Content.Length > metadataBudget / files.Count)
            {
                files[i] = (files[i].Name, Tail(files[i].Content, (int)(metadataBudget / files.Count)));
            }
        }
        var logBudget = o.MaxLogBundleBytes - files.Sum(f => (long)f.Content.Length);
        var sources = containers.Where(c => c.Container is not null).ToList();
        if (balena.Enabled)
        {
            files.Add(("logs/journal.log", await JournalAsync(redactor, since, logBudget, cancellationToken)));
        }
        else
        {
            foreach (var (service, container) in sources)
            {
                var share = logBudget / sources.Count;
                files.Add(($"logs/{service.Name}.log", await ContainerLogAsync(container!.ID, since, share, redactor, cancellationToken)));
            }
        }

        await using var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var (name, content) in files)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
            {
                DataStream = new MemoryStream(content),
                ModificationTime = time.GetUtcNow(),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
            };
            await tar.WriteEntryAsync(entry, cancellationToken);
        }
    }

    private async Task<byte[]> ContainerLogAsync(string id, DateTimeOffset since, long budget, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Timestamps = true,
            Since = since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        var tail = new LineTail(budget);
        using var stream = await docker.Containers.GetContainerLogsAsync(id, parameters, cancellationToken);
        var buffer = new byte[16 * 1024];
        var partial = new Dictionary<MultiplexedStream.TargetStream, StringBuilder>();
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
            if (read.EOF)
            {
                break;
            }
            if (!partial.TryGetValue(read.Target, out var pending))
            {
                pending = partial[read.Target] = new StringBuilder();
            }
            pending.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
            var text = pending.ToString();
            var lastNewline = text.LastIndexOf('\n');
            if (lastNewline < 0)
            {
                continue;
            }
            foreach (var line in text[..lastNewline].Split('\n'))
            {
                tail.Add(FormatLine(line, read.Target, redactor));
            }
            pending.Clear().Append(text[(lastNewline + 1)..]);
        }
        foreach (var (target, pending) in partial)
        {
            if (pending.Length > 0)
            {
                tail.Add(FormatLine(pending.ToString(), target, redactor));
            }
        }
        return tail.ToBytes();
    }

    private static string FormatLine(string line, MultiplexedStream.TargetStream target, SecretRedactor redactor)
    {
        // Docker puts the timestamp first; the stream name goes after it so lines still sort by time.
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var stream = target == MultiplexedStream.TargetStream.StandardError ? "stderr" : "stdout";
        return space > 0
            ? $"{line[..space]} {stream} {redactor.Redact(line[(space + 1)..].TrimEnd('\r'))}"
            : $"{stream} {redactor.Redact(line)}";
    }

    private async Task<byte[]> JournalAsync(SecretRedactor redactor, DateTimeOffset since, long budget, CancellationToken cancellationToken)
    {
        var tail = new LineTail(budget);
        try
        {
            using var reader = new StreamReader(await supervisor.GetJournalAsync(since, cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                tail.Add(redactor.Redact(line));
            }
        }
        catch (HttpRequestException ex)
        {
            tail.Add($"journal could not be read from the balena supervisor: {ex.Message}");
        }
        return tail.ToBytes();
    }

    private async Task<object> SystemInfoAsync(DateTimeOffset since, TimeSpan window, CancellationToken cancellationToken)
    {
        object? engine = null;
        if (!balena.Enabled)
        {
            try
            {
                var info = await docker.System.GetSystemInfoAsync(cancellationToken);
                engine = new { info.ServerVersion, info.Architecture, info.OperatingSystem, info.KernelVersion, info.NCPU, info.MemTotal, info.Containers, info.Images };
            }
            catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException)
            {
                engine = new { error = ex.Message };
            }
        }
        return new
        {
            generatedAt = time.GetUtcNow(),
            logsSince = since,
            windowHours = window.TotalHours,
            hostName = Environment.MachineName,
            os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            architecture = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString(),
            uptimeSeconds = Environment.TickCount64 / 1000,
            agentVersion = typeof(LogBundleBuilder).Assembly.GetName().Version?.ToString(),
            balenaOs = balena.Enabled,
            engine,
        };
    }

    private static object Describe(ManagedServiceOptions service, ContainerInspectResponse? container, SecretRedactor redactor) => container is null
        ? new { service = service.Name, container = service.ContainerName, state = "missing" }
        : new
        {
            service = service.Name,
            container = service.ContainerName,
            id = container.ID,
            image = container.Image,
            configuredImage = container.Config?.Image,
            state = container.State?.Status,
            health = container.State?.Health?.Status,
            restartCount = container.RestartCount,
            startedAt = container.State?.StartedAt,
            env = container.Config?.Env?.Select(redactor.RedactEnvironmentEntry).ToList(),
            labels = container.Config?.Labels?.ToDictionary(kv => kv.Key, kv => redactor.RedactEnvironmentEntry($"{kv.Key}={kv.Value}")[(kv.Key.Length + 1)..]),
        };

    private static byte[] Text(SecretRedactor redactor, string text) => Encoding.UTF8.GetBytes(redactor.Redact(text));

    private static byte[] Tail(byte[] content, int max) => content[^max..];

    /// <summary>Keeps the newest lines that fit a byte budget.</summary>
    private sealed class LineTail(long budget)
    {
        private readonly Queue<string> _lines = new();
        private long _bytes;

        public void Add(string line)
        {
            var size = Encoding.UTF8.GetByteCount(line) + 1;
            if (size > budget)
            {
                return;
            }
            _lines.Enqueue(line);
            _bytes += size;
            while (_bytes > budget)
            {
                _bytes -= Encoding.UTF8.GetByteCount(_lines.Dequeue()) + 1;
            }
        }

        public byte[] ToBytes() => Encoding.UTF8.GetBytes(_lines.Count == 0 ? "" : string.Join('\n', _lines) + "\n");
    }
}
