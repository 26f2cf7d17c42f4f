using LiveStt.Hosting;
using LiveStt.OpsAgent.Hosting;

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
await app.RunAsync();
return 0;
