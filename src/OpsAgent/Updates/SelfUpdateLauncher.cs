using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Hosting;

// Docker.DotNet's models declare optional fields non-nullable, yet null is how a field is left unset on create.
#pragma warning disable CS8601

namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// Starts the helper container that swaps the agent's own container: it runs the new image in helper mode,
/// with the agent's environment and mounts (Docker socket, state folder), so it uses the same journal and
/// history. Docker restarts it if it dies, and on restart it recovers its journal.
/// </summary>
internal sealed partial class SelfUpdateLauncher(IDockerClient docker, UpdateHistory history, ILogger<SelfUpdateLauncher> logger)
{
    private const string SelfUpdatePrefix = "OpsAgent__SelfUpdate__";

    public async Task<UpdateResult> LaunchAsync(ManagedServiceOptions service, ContainerInspectResponse self, string newImageId, string target, CancellationToken cancellationToken)
    {
        var name = service.UpdaterContainerName;
        try
        {
            var existing = await docker.Containers.InspectContainerAsync(name, cancellationToken);
            if (existing.State?.Running == true || existing.State?.Restarting == true)
            {
                return new UpdateResult(service.Name, UpdateResultKind.Refused, $"a self-update helper ({name}) is already running", target);
            }
            await docker.Containers.RemoveContainerAsync(existing.ID, new ContainerRemoveParameters { Force = true }, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        var env = (self.Config?.Env ?? []).Where(e => !e.StartsWith(SelfUpdatePrefix, StringComparison.Ordinal)).ToList();
        env.Add($"{SelfUpdatePrefix}Service={service.Name}");
        env.Add($"{SelfUpdatePrefix}ImageId={newImageId}");
        env.Add($"{SelfUpdatePrefix}Target={target}");
        env.Add($"{SelfUpdatePrefix}OldContainerId={self.ID}");
        var labels = (self.Config?.Labels ?? new Dictionary<string, string>())
            .Where(kv => kv.Key.StartsWith("livestt.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        labels["livestt.opsagent.updater"] = service.Name;
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = newImageId,
            Env = env,
            Cmd = self.Config?.Cmd,
            Labels = labels,
            // The helper is judged by its exit code, not by the agent's HTTP health check.
            Healthcheck = new HealthcheckConfig { Test = ["NONE"] },
            HostConfig = new HostConfig
            {
                Binds = self.HostConfig?.Binds,
                Mounts = self.HostConfig?.Mounts,
                NetworkMode = self.HostConfig?.NetworkMode,
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.OnFailure, MaximumRetryCount = 5 },
            },
        }, cancellationToken);
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken);
        Log.HandedOver(logger, service.Name, name);
        history.Record(service.Name, "handed-over", $"self-update to {ContainerSwapper.ShortId(target)} handed to helper container {name}");
        return new UpdateResult(service.Name, UpdateResultKind.HandedToHelper, $"helper container {name} swaps the agent; this agent will be stopped", target);
    }

    private static partial class Log
    {
        [LoggerMessage(100, LogLevel.Information, "Self-update of {Service} handed to helper container {Helper}")]
        public static partial void HandedOver(ILogger logger, string service, string helper);
    }
}
