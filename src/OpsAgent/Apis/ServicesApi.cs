using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Balena;
using LiveStt.OpsAgent.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Apis;

/// <summary>
/// <c>/api/services</c>: the managed containers (on balenaOS, the supervisor's state) and restarting one. A restart
/// names a managed service, never a container: a name the settings do not list touches nothing.
/// </summary>
internal static class ServicesApi
{
    private const string Missing = "missing";

    public static IEndpointRouteBuilder MapServicesApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.MapGroup("/api/services");
        services.MapGet("/", ListAsync).WithName("ListServices");
        services.MapPost("/{name}/restart", RestartAsync).WithName("RestartService");
        return endpoints;
    }

    internal static async Task<Results<Ok<ServicesResponse>, ProblemHttpResult>> ListAsync(
        IOptions<OpsAgentOptions> options, IDockerClient docker, BalenaEnvironment balena, BalenaSupervisorClient supervisor, CancellationToken cancellationToken)
    {
        if (balena.Enabled)
        {
            try
            {
                return TypedResults.Ok(new ServicesResponse(true, null, await supervisor.GetStateAsync(cancellationToken)));
            }
            catch (HttpRequestException ex)
            {
                return ApiProblems.Upstream("The balena supervisor's state could not be read", ex);
            }
        }
        var services = new List<ManagedServiceState>();
        try
        {
            foreach (var service in options.Value.Services)
            {
                try
                {
                    var c = await docker.Containers.InspectContainerAsync(service.ContainerName, cancellationToken);
                    services.Add(new ManagedServiceState(service.Name, service.ContainerName, c.ID, c.Image, c.State?.Status, c.State?.Health?.Status, c.RestartCount));
                }
                catch (DockerContainerNotFoundException)
                {
                    services.Add(new ManagedServiceState(service.Name, service.ContainerName, null, null, Missing, null, null));
                }
            }
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException)
        {
            return ApiProblems.Upstream("The Docker engine could not be asked about the services", ex);
        }
        return TypedResults.Ok(new ServicesResponse(false, services, null));
    }

    internal static async Task<Results<Ok<ServiceRestarted>, ValidationProblem, ProblemHttpResult>> RestartAsync(
        string name, IOptions<OpsAgentOptions> options, IDockerClient docker, BalenaEnvironment balena, BalenaSupervisorClient supervisor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ApiProblems.CheckServiceName(name, nameof(name), errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        if (options.Value.Services.FirstOrDefault(s => s.Name == name) is not { } service)
        {
            return ApiProblems.NoSuchService(name, options.Value);
        }
        if (balena.Enabled)
        {
            if (balena.AppId is null)
            {
                return TypedResults.Problem(
                    "BALENA_APP_ID is not set; the supervisor needs it to restart a service.",
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "The balena supervisor cannot restart services here");
            }
            try
            {
                await supervisor.RestartServiceAsync(service.Name, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                return ApiProblems.Upstream($"The balena supervisor did not restart {service.Name}", ex);
            }
            return TypedResults.Ok(new ServiceRestarted(service.Name, "balena supervisor"));
        }
        try
        {
            // The same grace a swap gives a container to stop before it is killed.
            var restart = new ContainerRestartParameters { WaitBeforeKillSeconds = (uint)options.Value.StopTimeout.TotalSeconds };
            await docker.Containers.RestartContainerAsync(service.ContainerName, restart, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return TypedResults.Problem(
                $"Service '{service.Name}' runs in the container '{service.ContainerName}', which does not exist.",
                statusCode: StatusCodes.Status409Conflict,
                title: "The service's container is missing");
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException)
        {
            return ApiProblems.Upstream($"The Docker engine did not restart {service.Name}", ex);
        }
        return TypedResults.Ok(new ServiceRestarted(service.Name, "docker"));
    }
}
