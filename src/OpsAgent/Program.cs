using LiveStt.Hosting;
using LiveStt.OpsAgent.Apis;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Security;

// The same binary is the agent and, started from a new image with OpsAgent:SelfUpdate set, the helper
// that swaps the agent's own container.
var settings = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
if (OpsAgentHost.IsSelfUpdateHelper(settings))
{
    return await OpsAgentHost.RunSelfUpdateHelperAsync(args);
}
var app = OpsAgentHost.Build(args);
if (!StartupSettings.Check(app.Services, "The ops agent", []))
{
    return StartupSettings.InvalidExitCode;
}
UsePipeline(app);
await app.RunAsync();
return 0;

/// <summary>The agent's entry point. Its request pipeline is here, where the order can be read; in-process tests host the same one.</summary>
internal static partial class Program
{
    /// <summary>
    /// Middleware, in this order: an unhandled error becomes a 500 problem that names no cause; an error answered
    /// without a body (no such path, a method the path does not take) gets a problem body; routing only picks the
    /// endpoint; then the token check, before every endpoint, so nothing but /healthz answers without the token,
    /// not even whether a path exists.
    /// </summary>
    internal static void UsePipeline(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseMiddleware<TokenAuthenticationMiddleware>();

        app.MapHealthApi();
        app.MapUpdatesApi();
        app.MapLogsApi();
        app.MapServicesApi();
    }
}
