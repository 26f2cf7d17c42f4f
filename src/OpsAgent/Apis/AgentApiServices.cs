using LiveStt.OpsAgent.Updates;

namespace LiveStt.OpsAgent.Apis;

/// <summary>What the API's endpoints need beyond the agent's own services: problem details and its JSON settings.</summary>
internal static class AgentApiServices
{
    public static IServiceCollection AddAgentApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.ConfigureHttpJsonOptions(json => AgentJson.Configure(json.SerializerOptions));
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            // The endpoints say what went wrong themselves; these are the answers no endpoint gave. An unhandled
            // error's message may name paths or settings, so the client is told where to look, not what it was.
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status404NotFound => "The agent's API has no such path.",
                StatusCodes.Status405MethodNotAllowed => $"This path of the agent's API does not take {context.HttpContext.Request.Method}.",
                StatusCodes.Status500InternalServerError => "The agent failed on this request; its log says why.",
                _ => null,
            };
        });
        return services;
    }
}
