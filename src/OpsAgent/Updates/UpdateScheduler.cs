using Docker.DotNet;
using LiveStt.OpsAgent.Balena;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>Recovers interrupted swaps at start-up, then checks every service's tag on a schedule.</summary>
internal sealed partial class UpdateScheduler(
    UpdateCoordinator coordinator,
    BalenaEnvironment balena,
    IOptions<OpsAgentOptions> options,
    TimeProvider time,
    ILogger<UpdateScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan RecoveryRetry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (balena.Enabled)
        {
            Log.BalenaMode(logger);
            return;
        }
        while (true)
        {
            try
            {
                await coordinator.RecoverAsync(stoppingToken);
                break;
            }
            catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException)
            {
                Log.RecoveryFailed(logger, ex.Message);
                await Task.Delay(RecoveryRetry, time, stoppingToken);
            }
        }
        var interval = options.Value.CheckInterval;
        if (interval == TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            foreach (var result in await coordinator.CheckAllAsync(force: false, stoppingToken))
            {
                Log.Checked(logger, result.Service, result.Result, result.Detail);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Information, "balenaOS mode: the supervisor applies updates; the agent only watches")]
        public static partial void BalenaMode(ILogger logger);

        [LoggerMessage(41, LogLevel.Error, "Could not recover interrupted swaps yet (retrying): {Reason}")]
        public static partial void RecoveryFailed(ILogger logger, string reason);

        [LoggerMessage(42, LogLevel.Information, "Update check of {Service}: {Result} ({Detail})")]
        public static partial void Checked(ILogger logger, string service, UpdateResultKind result, string detail);
    }
}
