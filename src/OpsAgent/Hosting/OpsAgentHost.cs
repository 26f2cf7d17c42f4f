using Docker.DotNet;
using LiveStt.Hosting;
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

/// <summary>Builds the agent's web host: options, Docker client, update machinery, health. Program.cs puts the pipeline on it.</summary>
internal static class OpsAgentHost
{
    private static readonly Lazy<bool> MetricDefaultsTrimmed = new(() =>
    {
        // Process metrics stay; the event-counter and meter listeners cost memory and wake-ups the idle box can spare.
        Prometheus.Metrics.SuppressDefaultMetrics(new Prometheus.SuppressDefaultMetricOptions
        {
            SuppressProcessMetrics = false,
            SuppressDebugMetrics = true,
            SuppressEventCounters = true,
            SuppressMeters = true,
        });
        return true;
    });

    public static WebApplication Build(string[] args)
    {
        _ = MetricDefaultsTrimmed.Value;
        var builder = WebApplication.CreateSlimBuilder(args);
        AddLogging(builder.Services, builder.Configuration);
        builder.Services.AddOpsAgent(builder.Configuration);
        return builder.Build();
    }

    /// <summary>Whether this process was started as the helper that swaps the agent's own container.</summary>
    public static bool IsSelfUpdateHelper(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{SelfUpdateOptions.SectionName}:Service"]);

    /// <summary>Runs the self-update helper: no HTTP server, no schedules; one swap (or its recovery), then exit.</summary>
    public static async Task<int> RunSelfUpdateHelperAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        AddLogging(builder.Services, builder.Configuration);
        builder.Services.AddOpsAgentCore(builder.Configuration);
        builder.Services.AddOptions<SelfUpdateOptions>().Bind(builder.Configuration.GetSection(SelfUpdateOptions.SectionName));
        builder.Services.AddSingleton<SelfUpdateHelper>();
        using var host = builder.Build();
        // This host is never started, so nothing else validates its settings before the swap first reads them.
        if (!StartupSettings.Check(host.Services, "The ops agent's self-update helper", []))
        {
            return StartupSettings.InvalidExitCode;
        }
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        return await host.Services.GetRequiredService<SelfUpdateHelper>().RunAsync(lifetime.ApplicationStopping);
    }

    private static HttpClient NewHttpClient(TimeSpan timeout) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
        {
            Timeout = timeout,
        };

    private static void AddLogging(IServiceCollection services, ConfigurationManager configuration)
    {
        var format = configuration["Logging:ConsoleFormat"]
            ?? (configuration.GetValue<bool>("DOTNET_RUNNING_IN_CONTAINER") ? "json" : "text");
        // "Logging:MinimumLevel" (a Serilog level name) rather than ReadFrom.Configuration: reading sinks from
        // configuration scans the dependency manifest at start-up, which the small agent does not need.
        var level = Enum.TryParse<LogEventLevel>(configuration["Logging:MinimumLevel"], ignoreCase: true, out var configured)
            ? configured
            : LogEventLevel.Information;
        services.AddSerilog(logger =>
        {
            logger
                .MinimumLevel.Is(level)
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
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
    }

    public static IServiceCollection AddOpsAgent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpsAgentCore(configuration);
        services.AddAgentApi();
        services.AddHostedService<SwapRecoveryService>();
        services.AddHostedService<UpdateScheduler>();
        services.AddHostedService<SessionMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthMonitor>());
        services.AddHostedService<OfflineFolderWatcher>();
        return services;
    }

    /// <summary>Everything but the background schedules: shared by the agent and its self-update helper.</summary>
    public static IServiceCollection AddOpsAgentCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpsAgentOptions>().Bind(configuration.GetSection(OpsAgentOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OpsAgentOptions>, OpsAgentOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<BalenaEnvironment>();
        services.AddSingleton<IDockerClient>(sp =>
            new DockerClientBuilder().WithEndpoint(new Uri(sp.GetRequiredService<IOptions<OpsAgentOptions>>().Value.DockerEndpoint)).Build());
        // One long-lived client each rather than IHttpClientFactory: its handler rotation and logging pipeline
        // cost memory the idle agent does not have to spend; pooled-connection lifetime keeps DNS changes seen.
        services.AddSingleton<IRegistryDigestClient>(sp => new RegistryDigestClient(NewHttpClient(TimeSpan.FromSeconds(30)), sp.GetRequiredService<IOptions<OpsAgentOptions>>()));
        services.AddSingleton<IApplianceStatusClient>(sp => new ApplianceStatusClient(NewHttpClient(TimeSpan.FromSeconds(5)), sp.GetRequiredService<IOptions<OpsAgentOptions>>()));
        services.AddSingleton(sp => new BalenaSupervisorClient(NewHttpClient(TimeSpan.FromSeconds(30)), sp.GetRequiredService<BalenaEnvironment>()));
        services.AddSingleton<SwapJournalStore>();
        services.AddSingleton<UpdateHistory>();
        services.AddSingleton<AgentStateStore>();
        services.AddSingleton<ContainerLogReader>();
        services.AddSingleton<RemovedContainerLogs>();
        services.AddSingleton<ContainerHealthWaiter>();
        services.AddSingleton<FailedImagePruner>();
        services.AddSingleton<SwapPauses>();
        services.AddSingleton<ContainerSwapper>();
        services.AddSingleton<ApplianceLiveness>();
        services.AddSingleton<IContainerStates, DockerContainerStates>();
        services.AddSingleton<UpdateGate>();
        services.AddSingleton<DeferredUpdates>();
        services.AddSingleton<PullPlatform>();
        services.AddSingleton<UpdateCoordinator>();
        services.AddSingleton<OfflineUpdater>();
        services.AddSingleton<BalenaUpdateLock>();
        services.AddSingleton<SystemProbe>();
        services.AddSingleton<HealthMonitor>();
        services.AddSingleton<ApiToken>();
        services.AddSingleton<AuthFailureLimiter>();
        services.AddSingleton<LogBundleBuilder>();
        services.AddSingleton<SelfUpdateLauncher>();
        return services;
    }
}
