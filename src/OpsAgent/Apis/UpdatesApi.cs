using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Offline;
using LiveStt.OpsAgent.Updates;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Apis;

/// <summary>
/// <c>/api/updates</c>: the update history, a check (and update) now, and an update from an uploaded image tarball.
/// Query values are checked before anything is done, and an upload is only stored once its query is good.
/// </summary>
internal static class UpdatesApi
{
    private const long MaxUploadBytes = 8L * 1024 * 1024 * 1024;
    private const int DefaultHistoryLimit = 200;
    private const int MaxHistoryLimit = 5000;

    public static IEndpointRouteBuilder MapUpdatesApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var updates = endpoints.MapGroup("/api/updates");
        updates.MapGet("/history", GetHistory).WithName("GetUpdateHistory");
        updates.MapPost("/check", CheckAsync).WithName("CheckForUpdates");
        updates.MapPost("/offline", ApplyOfflineAsync).WithName("ApplyOfflineUpdate");
        return endpoints;
    }

    internal static Results<Ok<IReadOnlyList<UpdateHistoryEntry>>, ValidationProblem> GetHistory(string? limit, UpdateHistory history)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var count = QueryValues.WholeNumber(limit, nameof(limit), DefaultHistoryLimit, 1, MaxHistoryLimit, errors);
        return errors.Count > 0 ? ApiProblems.Invalid(errors) : TypedResults.Ok(history.Read(count));
    }

    internal static async Task<Results<Ok<IReadOnlyList<UpdateResult>>, ValidationProblem, ProblemHttpResult>> CheckAsync(
        string? service, string? force, UpdateCoordinator coordinator, IOptions<OpsAgentOptions> options, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (service is not null)
        {
            ApiProblems.CheckServiceName(service, nameof(service), errors);
        }
        var forced = QueryValues.Flag(force, nameof(force), errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        if (service is null)
        {
            return TypedResults.Ok(await coordinator.CheckAllAsync(forced, cancellationToken));
        }
        return coordinator.Find(service) is { } found
            ? TypedResults.Ok<IReadOnlyList<UpdateResult>>([await coordinator.CheckAsync(found, forced, cancellationToken)])
            : ApiProblems.NoSuchService(service, options.Value);
    }

    internal static async Task<Results<Ok<UpdateResult>, ValidationProblem, ProblemHttpResult>> ApplyOfflineAsync(
        string? service, string? force, HttpRequest request, OfflineUpdater updater, UpdateCoordinator coordinator, IOptions<OpsAgentOptions> options, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (service is not null)
        {
            ApiProblems.CheckServiceName(service, nameof(service), errors);
        }
        var forced = QueryValues.Flag(force, nameof(force), errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        if (service is not null && coordinator.Find(service) is null)
        {
            return ApiProblems.NoSuchService(service, options.Value);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxUploadBytes;
        }
        // The stored name is the agent's own: nothing the client sends becomes part of a path.
        var incoming = Path.Combine(options.Value.StateDirectory, "incoming");
        Directory.CreateDirectory(incoming);
        var path = Path.Combine(incoming, $"upload-{Guid.NewGuid():N}.tar");
        try
        {
            try
            {
                await using var file = File.Create(path);
                await request.Body.CopyToAsync(file, cancellationToken);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TypedResults.Problem(
                    $"An image tarball may be at most {MaxUploadBytes / (1024 * 1024 * 1024)} GiB; copy a larger one into the drop folder instead.",
                    statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "The upload is too large");
            }
            var result = await updater.ApplyAsync(path, service, forced, cancellationToken);
            return result.Result switch
            {
                UpdateResultKind.Refused => Problem(result, StatusCodes.Status422UnprocessableEntity, "The image tarball was refused"),
                UpdateResultKind.Error => Problem(result, StatusCodes.Status502BadGateway, "The Docker engine could not apply the image tarball"),
                _ => TypedResults.Ok(result),
            };
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A refused or failed offline update, with the result's own fields beside the problem's, as clients read them.</summary>
    private static ProblemHttpResult Problem(UpdateResult result, int status, string title) =>
        TypedResults.Problem(result.Detail, statusCode: status, title: title, extensions: new Dictionary<string, object?>
        {
            ["service"] = result.Service,
            ["result"] = result.Result.ToString(),
        });
}
