using System.Globalization;
using Docker.DotNet;
using LiveStt.OpsAgent.Balena;
using LiveStt.OpsAgent.Health;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Logs;
using LiveStt.OpsAgent.Offline;
using LiveStt.OpsAgent.Security;
using LiveStt.OpsAgent.Updates;
using Microsoft.Extensions.Options;
using Prometheus;

namespace LiveStt.OpsAgent.Apis;

/// <summary>The agent's HTTP API. Everything but /healthz sits behind the token middleware.</summary>
internal static class AgentApi
{
    private const long MaxUploadBytes = 8L * 1024 * 1024 * 1024;

    public static WebApplication MapAgentApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<TokenAuthenticationMiddleware>();
        app.MapGet(TokenAuthenticationMiddleware.LivenessPath, () => Results.Text("ok"));
        app.MapMetrics("/metrics");

        var api = app.MapGroup("/api");
        api.MapGet("/health", async (HealthMonitor monitor, HttpContext context) =>
        {
            var report = context.Request.Query.ContainsKey("fresh") || monitor.Latest.CheckedAt == DateTimeOffset.MinValue
                ? await monitor.RunChecksAsync(context.RequestAborted)
                : monitor.Latest;
            return Results.Json(new { healthy = report.Healthy, report.CheckedAt, report.Checks }, AgentJson.Options,
                statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        api.MapGet("/updates/history", (UpdateHistory history, int? limit) =>
            Results.Json(history.Read(Math.Clamp(limit ?? 200, 1, 5000)), AgentJson.Options));

        api.MapPost("/updates/check", async (UpdateCoordinator coordinator, string? service, bool? force, CancellationToken cancellationToken) =>
        {
            if (service is null)
            {
                return Results.Json(await coordinator.CheckAllAsync(force == true, cancellationToken), AgentJson.Options);
            }
            return coordinator.Find(service) is { } found
                ? Results.Json(new[] { await coordinator.CheckAsync(found, force == true, cancellationToken) }, AgentJson.Options)
                : Results.NotFound(new { error = $"no managed service is called '{service}'" });
        });

        api.MapPost("/updates/offline", async (HttpRequest request, OfflineUpdater updater, IOptions<OpsAgentOptions> options, string? service, bool? force, CancellationToken cancellationToken) =>
        {
            if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxUploadBytes;
            }
            var incoming = Path.Combine(options.Value.StateDirectory, "incoming");
            Directory.CreateDirectory(incoming);
            var path = Path.Combine(incoming, $"upload-{Guid.NewGuid():N}.tar");
            try
            {
                await using (var file = File.Create(path))
                {
                    await request.Body.CopyToAsync(file, cancellationToken);
                    if (file.Length > MaxUploadBytes)
                    {
                        return Results.BadRequest(new { error = "upload too large" });
                    }
                }
                var result = await updater.ApplyAsync(path, service, force == true, cancellationToken);
                return Results.Json(result, AgentJson.Options,
                    statusCode: result.Result == UpdateResultKind.Refused ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
            }
            finally
            {
                File.Delete(path);
            }
        });

        api.MapGet("/logs", async (HttpContext context, LogBundleBuilder bundle, TimeProvider time, double? hours) =>
        {
            var window = TimeSpan.FromHours(Math.Clamp(hours ?? 24, 0.01, 24 * 30));
            context.Response.ContentType = "application/gzip";
            context.Response.Headers.ContentDisposition =
                $"attachment; filename=\"livestt-logs-{time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.tar.gz\"";
            await bundle.WriteAsync(context.Response.Body, window, context.RequestAborted);
        });

        api.MapGet("/services", async (IOptions<OpsAgentOptions> options, IDockerClient docker, BalenaEnvironment balena, BalenaSupervisorClient supervisor, CancellationToken cancellationToken) =>
        {
            if (balena.Enabled)
            {
                return Results.Json(new { balenaOs = true, supervisor = await supervisor.GetStateAsync(cancellationToken) }, AgentJson.Options);
            }
            var services = new List<object>();
            foreach (var service in options.Value.Services)
            {
                try
                {
                    var c = await docker.Containers.InspectContainerAsync(service.ContainerName, cancellationToken);
                    services.Add(new { service.Name, service.ContainerName, c.ID, c.Image, c.State?.Status, health = c.State?.Health?.Status, c.RestartCount });
                }
                catch (DockerContainerNotFoundException)
                {
                    services.Add(new { service.Name, service.ContainerName, Status = "missing" });
                }
            }
            return Results.Json(new { balenaOs = false, services }, AgentJson.Options);
        });

        api.MapPost("/services/{name}/restart", async (string name, IOptions<OpsAgentOptions> options, IDockerClient docker, BalenaEnvironment balena, BalenaSupervisorClient supervisor, CancellationToken cancellationToken) =>
        {
            if (balena.Enabled)
            {
                await supervisor.RestartServiceAsync(name, cancellationToken);
                return Results.Json(new { restarted = name, via = "balena supervisor" }, AgentJson.Options);
            }
            if (options.Value.Services.FirstOrDefault(s => s.Name == name) is not { } service)
            {
                return Results.NotFound(new { error = $"no managed service is called '{name}'" });
            }
            await docker.Containers.RestartContainerAsync(service.ContainerName, new Docker.DotNet.Models.ContainerRestartParameters(), cancellationToken);
            return Results.Json(new { restarted = name, via = "docker" }, AgentJson.Options);
        });
        return app;
    }
}
