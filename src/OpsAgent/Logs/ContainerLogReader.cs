using System.Globalization;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace LiveStt.OpsAgent.Logs;

/// <summary>
/// Reads a container's logs through the Docker logs API, stdout and stderr demultiplexed, as
/// "timestamp stream line", keeping the newest lines that fit a budget.
/// </summary>
internal sealed class ContainerLogReader(IDockerClient docker)
{
    /// <summary>The container's log lines since a moment (or all of them), newest kept within the byte budget.</summary>
    internal async Task<LineTail> ReadAsync(string containerId, DateTimeOffset? since, long budget, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Timestamps = true,
            Since = since?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        var tail = new LineTail(budget);
        using var stream = await docker.Containers.GetContainerLogsAsync(containerId, parameters, cancellationToken);
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
        return tail;
    }

    /// <summary>The text of a container's last few output lines, without timestamps, for a failure's reason.</summary>
    public async Task<IReadOnlyList<string>> LastLinesAsync(string containerId, int count, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var tail = await ReadAsync(containerId, since: null, budget: 64 * 1024, redactor, cancellationToken);
        return tail.Lines.TakeLast(count).Select(WithoutTimestamp).ToList();
    }

    private static string WithoutTimestamp(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && char.IsAsciiDigit(line[0]) ? line[(space + 1)..] : line;
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
}
