using Docker.DotNet;
using LiveStt.OpsAgent.Balena;
using LiveStt.OpsAgent.Engine;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// Drives every unfinished swap to exactly one running version: at start-up (what a crash left) and, while the
/// agent runs, whenever a rollback or commit hit a Docker error and left its journal. Retries until Docker answers.
/// </summary>
internal sealed partial class SwapRecoveryService(
    UpdateCoordinator coordinator,
    BalenaEnvironment balena,
    IOptions<OpsAgentOptions> options,
    TimeProvider time,
    ILogger<SwapRecoveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (balena.Enabled)
        {
            return;
        }
        var first = true;
        while (true)
        {
            try
            {
                if (first || await coordinator.HasUnfinishedSwapsAsync(stoppingToken))
                {
                    await coordinator.RecoverAsync(stoppingToken);
                    first = false;
                }
            }
            catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException or TimeoutException)
            {
                Log.RecoveryFailed(logger, EngineError.Describe(ex));
            }
            await Task.Delay(options.Value.RecoveryRetryInterval, time, stoppingToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(41, LogLevel.Error, "Could not recover an unfinished swap yet (retrying): {Reason}")]
        public static partial void RecoveryFailed(ILogger logger, string reason);
    }
}
