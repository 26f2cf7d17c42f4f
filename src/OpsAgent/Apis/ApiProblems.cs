using LiveStt.OpsAgent.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveStt.OpsAgent.Apis;

/// <summary>The refusals several endpoints share, worded once.</summary>
internal static class ApiProblems
{
    /// <summary>A 400 listing each bad value under its name, with every message in the detail too.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(m => m)), title: "The request's values are not valid");

    /// <summary>
    /// Adds the error for a value that cannot be a service name at all. Such a name is not repeated back: it may be
    /// kilobytes long or hold control characters.
    /// </summary>
    public static void CheckServiceName(string? name, string key, IDictionary<string, string[]> errors)
    {
        if (!ManagedServiceOptions.IsValidName(name))
        {
            errors[key] = [$"{key} must name a managed service: {ManagedServiceOptions.NameRule}."];
        }
    }

    /// <summary>A 404 for a well-formed name that no managed service has, listing those there are.</summary>
    public static ProblemHttpResult NoSuchService(string name, OpsAgentOptions options)
    {
        var names = options.Services.Count == 0 ? "none" : string.Join(", ", options.Services.Select(s => s.Name));
        return TypedResults.Problem(
            $"No managed service is called '{name}'. The managed services are: {names}.",
            statusCode: StatusCodes.Status404NotFound,
            title: "No such service");
    }

    /// <summary>A 502: Docker or the balena supervisor failed, and says why.</summary>
    public static ProblemHttpResult Upstream(string title, Exception error) =>
        TypedResults.Problem(error.Message, statusCode: StatusCodes.Status502BadGateway, title: title);
}
