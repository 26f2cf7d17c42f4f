using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Logs;
using LiveStt.OpsAgent.Security;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// Waits for a container to prove itself: Docker health "healthy", or, without a health check, a steady run. Says
/// why not in words a developer can act on: the exit code and the last output lines, or the failing check's output.
/// </summary>
internal sealed class ContainerHealthWaiter(IDockerClient docker, ContainerLogReader logs, ApiToken token, IOptions<OpsAgentOptions> options, TimeProvider time)
{
    private const int OutputLines = 5;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Null once healthy; otherwise why not.</summary>
    public async Task<string?> WaitAsync(string containerId, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var deadline = options.Value.HealthyTimeout;
        while (true)
        {
            var container = await docker.Containers.InspectContainerAsync(containerId, cancellationToken);
            var elapsed = time.GetElapsedTime(started);
            var redactor = new SecretRedactor([token.Value, .. SecretRedactor.SecretValues(container.Config?.Env)]);
            // A restart policy kept from the old container restarts a crashing one at once, and Docker then reports it
            // "unhealthy" with no check output: that it has exited even once is the failure, and its exit the reason.
            if (container.State?.Running != true || container.State.Restarting || container.RestartCount > 0)
            {
                var output = await logs.LastLinesAsync(containerId, OutputLines, redactor, cancellationToken);
                return $"container exited with code {await LastExitCodeAsync(container, cancellationToken)} before becoming healthy"
                    + (output.Count == 0 ? "; it printed nothing" : $"; its last output: {string.Join(" | ", output)}");
            }
            var health = container.State?.Health;
            if (health is null || string.IsNullOrEmpty(health.Status) || health.Status == "none")
            {
                if (elapsed >= options.Value.NoHealthCheckGrace)
                {
                    return null;
                }
            }
            else if (health.Status == "healthy")
            {
                return null;
            }
            else if (health.Status == "unhealthy")
            {
                var last = health.Log?.LastOrDefault();
                var output = string.IsNullOrWhiteSpace(last?.Output) ? "no output" : $"output: {redactor.Redact(last.Output.Trim())}";
                return $"container became unhealthy: its health check exited with code {last?.ExitCode.ToString(CultureInfo.InvariantCulture) ?? "?"}, {output}";
            }
            if (elapsed >= deadline)
            {
                return $"container did not become healthy within {deadline.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (status {health?.Status ?? "running"})";
            }
            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    /// <summary>
    /// The code the container last exited with. Once Docker's restart policy has started it again its state holds the
    /// new run's code (0), so then the engine's last "die" event for it is asked.
    /// </summary>
    private async Task<string> LastExitCodeAsync(ContainerInspectResponse container, CancellationToken cancellationToken)
    {
        if (container.State?.Running != true)
        {
            return container.State?.ExitCode.ToString(CultureInfo.InvariantCulture) ?? "?";
        }
        string? code = null;
        await docker.System.MonitorEventsAsync(
            new ContainerEventsParameters
            {
                // Events are filtered to this container, so a wide start costs nothing; the end is the next second,
                // because the engine counts an event in the current second as later than "now" in whole seconds.
                Since = new DateTimeOffset(container.Created.ToUniversalTime()).AddMinutes(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                Until = (time.GetUtcNow().ToUnixTimeSeconds() + 1).ToString(CultureInfo.InvariantCulture),
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["type"] = new Dictionary<string, bool> { ["container"] = true },
                    ["container"] = new Dictionary<string, bool> { [container.ID] = true },
                    ["event"] = new Dictionary<string, bool> { ["die"] = true },
                },
            },
            new SynchronousProgress<Message>(m =>
            {
                if (m.Actor?.Attributes?.TryGetValue("exitCode", out var exitCode) == true)
                {
                    code = exitCode;
                }
            }),
            cancellationToken);
        return code ?? "?";
    }
}
