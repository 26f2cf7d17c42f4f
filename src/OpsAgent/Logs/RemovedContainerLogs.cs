using System.Globalization;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Engine;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Security;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Logs;

/// <summary>
/// Keeps the logs of containers a swap or rollback is about to remove (Docker deletes them with the container),
/// redacted, in the state folder: those are the logs a developer needs after a failed update. Bounded by
/// <see cref="OpsAgentOptions.MaxKeptLogBytes"/>, oldest first out.
/// </summary>
internal sealed partial class RemovedContainerLogs(
    ContainerLogReader reader,
    ApiToken token,
    IOptions<OpsAgentOptions> options,
    TimeProvider time,
    ILogger<RemovedContainerLogs> logger)
{
    private const string Extension = ".log";

    private string Folder => Path.Combine(options.Value.StateDirectory, "removed-logs");

    /// <summary>Saves a container's logs before it is removed. Never throws: a log lost is no reason to stop a rollback.</summary>
    public async Task KeepAsync(string service, ContainerInspectResponse container, string why, CancellationToken cancellationToken)
    {
        try
        {
            var redactor = new SecretRedactor([token.Value, .. SecretRedactor.SecretValues(container.Config?.Env)]);
            var budget = options.Value.MaxKeptLogBytes / 8;
            var tail = await reader.ReadAsync(container.ID, since: null, budget, redactor, cancellationToken);
            var header = $"# {service}: container {container.ID[..12]} ({container.Name.TrimStart('/')}, image {container.Image}), removed {time.GetUtcNow():O}: {why}\n";
            Directory.CreateDirectory(Folder);
            var name = $"{time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}-{service}-{container.ID[..12]}{Extension}";
            await File.WriteAllBytesAsync(Path.Combine(Folder, name), [.. Encoding.UTF8.GetBytes(header), .. tail.ToBytes()], cancellationToken);
            Prune();
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException or UnauthorizedAccessException)
        {
            Log.NotKept(logger, service, container.ID, EngineError.Describe(ex));
        }
    }

    /// <summary>Kept logs of containers removed since a moment, oldest first, as (file name, content).</summary>
    public IReadOnlyList<(string Name, byte[] Content)> RemovedSince(DateTimeOffset since)
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }
        return Files()
            .Where(f => RemovedAt(f) is { } at && at >= since)
            .Select(f => (f.Name, File.ReadAllBytes(f.FullName)))
            .ToList();
    }

    private void Prune()
    {
        var files = Files();
        var total = files.Sum(f => f.Length);
        foreach (var file in files)
        {
            if (total <= options.Value.MaxKeptLogBytes)
            {
                break;
            }
            total -= file.Length;
            file.Delete();
        }
    }

    /// <summary>Files oldest first: their names start with the removal time in Unix milliseconds.</summary>
    private List<FileInfo> Files() =>
        new DirectoryInfo(Folder).GetFiles("*" + Extension).OrderBy(f => RemovedAt(f) ?? DateTimeOffset.MinValue).ToList();

    private static DateTimeOffset? RemovedAt(FileInfo file) =>
        long.TryParse(file.Name.Split('-', 2)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static partial class Log
    {
        [LoggerMessage(130, LogLevel.Warning, "The logs of {Service}'s container {ContainerId} could not be kept before its removal: {Reason}")]
        public static partial void NotKept(ILogger logger, string service, string containerId, string reason);
    }
}
