using LiveStt.Appliance.Kiosk;
using LiveStt.Appliance.Streaming;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveStt.Appliance.Apis;

/// <summary>
/// <c>/api/session</c>: the caption session, for the kiosk and remote developers. Every command answers with the
/// session as it then is; a command that does not fit the session's state is a 409, and a start that could not get
/// captions going is a 503 with the reason.
/// </summary>
public static class SessionApi
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var session = endpoints.MapGroup("/api/session").RequireKioskSession();
        session.MapGet("/", GetSession).WithName("GetSession");
        session.MapPost("/start", StartAsync).WithName("StartSession");
        session.MapPost("/stop", StopAsync).WithName("StopSession");
        session.MapPost("/pause", PauseAsync).WithName("PauseSession");
        session.MapPost("/resume", ResumeAsync).WithName("ResumeSession");
        return endpoints;
    }

    internal static Ok<SessionSnapshot> GetSession(ISessionController controller) => TypedResults.Ok(controller.Current);

    internal static async Task<Results<Ok<SessionSnapshot>, ProblemHttpResult>> StartAsync(ISessionController controller, CancellationToken cancellationToken)
    {
        SessionSnapshot session;
        try
        {
            session = await controller.StartSessionAsync(cancellationToken);
        }
        catch (SessionCommandException ex)
        {
            return NotPossibleNow(ex);
        }

        return session.State == SessionStates.Faulted
            ? TypedResults.Problem(session.Error, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Captions could not start")
            : TypedResults.Ok(session);
    }

    internal static Task<Results<Ok<SessionSnapshot>, ProblemHttpResult>> StopAsync(ISessionController controller, CancellationToken cancellationToken) =>
        CommandAsync(() => controller.StopSessionAsync(cancellationToken));

    internal static Task<Results<Ok<SessionSnapshot>, ProblemHttpResult>> PauseAsync(ISessionController controller, CancellationToken cancellationToken) =>
        CommandAsync(() => controller.PauseSessionAsync(cancellationToken));

    internal static Task<Results<Ok<SessionSnapshot>, ProblemHttpResult>> ResumeAsync(ISessionController controller, CancellationToken cancellationToken) =>
        CommandAsync(() => controller.ResumeSessionAsync(cancellationToken));

    private static async Task<Results<Ok<SessionSnapshot>, ProblemHttpResult>> CommandAsync(Func<Task<SessionSnapshot>> command)
    {
        try
        {
            return TypedResults.Ok(await command());
        }
        catch (SessionCommandException ex)
        {
            return NotPossibleNow(ex);
        }
    }

    private static ProblemHttpResult NotPossibleNow(SessionCommandException ex) =>
        TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Not possible now");
}
