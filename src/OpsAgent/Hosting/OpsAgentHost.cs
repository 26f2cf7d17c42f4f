using Docker.DotNet;
using LiveStt.OpsAgent.Apis;
using LiveStt.OpsAgent.Balena;
using LiveStt.OpsAgent.Health;
using LiveStt.OpsAgent.UpdateLock;
using LiveStt.OpsAgent.Logs;
using LiveStt.OpsAgent.Offline;
using LiveStt.OpsAgent.Registry;
using LiveStt.OpsAgent.Security;
using LiveStt.OpsAgent.Updates;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace LiveStt.OpsAgent.Hosting;

/// <summary>Builds the agent's web host: options, Docker client, update machinery, health, API.</summary>
public static class OpsAgentHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var format = builder.Configuration["Logging:ConsoleFormat"]
            ?? (builder.Configuration.GetValue<bool>("DOTNET_RUNNING_IN_CONTAINER") ? "json" : "text");
        builder.Services.AddSerilog(logger =>
        {
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                .ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext();
            if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
        });
        builder.Services.AddOpsAgent(builder.Configuration);
        var app = builder.Build();
        app.MapAgentApi();
        return app;
    }

    public static IServiceCollection AddOpsAgent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpsAgentOptions>().Bind(configuration.GetSection(OpsAgentOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OpsAgentOptions>, OpsAgentOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<BalenaEnvironment>();
        services.AddSingleton<IDockerClient>(sp =>
            new DockerClientBuilder().WithEndpoint(new Uri(sp.GetRequiredService<IOptions<OpsAgentOptions>>().Value.DockerEndpoint)).Build());
        services.AddHttpClient<IRegistryDigestClient, RegistryDigestClient>(c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient<IApplianceStatusClient, ApplianceStatusClient>(c => c.Timeout = TimeSpan.FromSeconds(5));
        services.AddHttpClient<BalenaSupervisorClient>(c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<SwapJournalStore>();
        services.AddSingleton<UpdateHistory>();
        services.AddSingleton<AgentStateStore>();
        services.AddSingleton<ContainerSwapper>();
        services.AddSingleton<UpdateGate>();
        services.AddSingleton<UpdateCoordinator>();
        services.AddSingleton<OfflineUpdater>();
        services.AddSingleton<BalenaUpdateLock>();
        services.AddSingleton<SystemProbe>();
        services.AddSingleton<HealthMonitor>();
        services.AddSingleton<ApiToken>();
        services.AddSingleton<AuthFailureLimiter>();
        services.AddSingleton<LogBundleBuilder>();
        services.AddHostedService<UpdateScheduler>();
        services.AddHostedService<SessionMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthMonitor>());
        services.AddHostedService<OfflineFolderWatcher>();
        return services;
    }
}
