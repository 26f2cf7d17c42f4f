using LiveStt.OpsAgent.Balena;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>Checks every service's tag on a schedule, once <see cref="SwapRecoveryService"/> has recovered what a previous run left.</summary>
internal sealed partial class UpdateScheduler(
    UpdateCoordinator coordinator,
    BalenaEnvironment balena,
    IOptions<OpsAgentOptions> options,
    TimeProvider time,
    ILogger<UpdateScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (balena.Enabled)
        {
            Log.BalenaMode(logger);
            return;
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

        [LoggerMessage(42, LogLevel.Information, "Update check of {Service}: {Result} ({Detail})")]
        public static partial void Checked(ILogger logger, string service, UpdateResultKind result, string detail);
    }
}
