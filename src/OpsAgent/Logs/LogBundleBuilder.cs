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
/// text passes through the redactor; the uncompressed total is capped, keeping the newest log lines. The logs
/// of containers removed by swaps and rollbacks within the window come along under logs/removed/.
/// </summary>
internal sealed class LogBundleBuilder(
    IDockerClient docker,
    ContainerLogReader logs,
    RemovedContainerLogs removed,
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
        if (!balena.Enabled)
        {
            // Containers that swaps and rollbacks removed: their logs are gone from Docker, and they are the ones
            // that explain a failed update.
            // Newest first, within a quarter of the cap, so the running containers' logs keep most of the room.
            var removedBudget = o.MaxLogBundleBytes / 4;
            foreach (var (name, content) in removed.RemovedSince(since).Reverse())
            {
                if ((removedBudget -= content.Length) < 0)
                {
                    break;
                }
                files.Add(($"logs/removed/{name}", Text(redactor, System.Text.Encoding.UTF8.GetString(content))));
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
                files.Add(($"logs/{service.Name}.log", (await logs.ReadAsync(container!.ID, since, share, redactor, cancellationToken)).ToBytes()));
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
}
