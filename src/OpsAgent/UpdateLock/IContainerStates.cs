using Docker.DotNet;

namespace LiveStt.OpsAgent.UpdateLock;

/// <summary>Whether a managed container is running, as Docker sees it.</summary>
internal interface IContainerStates
{
    Task<bool> IsRunningAsync(string containerName, CancellationToken cancellationToken);
}

internal sealed class DockerContainerStates(IDockerClient docker) : IContainerStates
{
    public async Task<bool> IsRunningAsync(string containerName, CancellationToken cancellationToken)
    {
        try
        {
            return (await docker.Containers.InspectContainerAsync(containerName, cancellationToken)).State?.Running == true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }
}
