using LiveStt.OpsAgent.Balena;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Updates;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.UpdateLock;

/// <summary>
/// Follows the appliance's session: holds balena's update lock while captions are live (balenaOS mode), and
/// applies deferred updates as soon as captions stop.
/// </summary>
internal sealed partial class SessionMonitor(
    IApplianceStatusClient appliance,
    UpdateCoordinator coordinator,
    BalenaUpdateLock balenaLock,
    BalenaEnvironment balena,
    IOptions<OpsAgentOptions> options,
    TimeProvider time,
    ILogger<SessionMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (balena.Enabled)
        {
            balenaLock.ReleaseStale();
        }
        using var timer = new PeriodicTimer(options.Value.SessionPollInterval, time);
        do
        {
            var status = await appliance.GetStatusAsync(stoppingToken);
            var live = status?.CaptionsLive == true;
            if (balena.Enabled)
            {
                balenaLock.Set(live);
            }
            if (!live && coordinator.Deferred.Count > 0)
            {
                foreach (var result in await coordinator.ResumeDeferredAsync(stoppingToken))
                {
                    Log.Resumed(logger, result.Service, result.Result, result.Detail);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The lock is for captions this agent watches; nobody would release it once the agent is gone.
        balenaLock.Set(false);
    }

    private static partial class Log
    {
        [LoggerMessage(50, LogLevel.Information, "Captions stopped; deferred update of {Service}: {Result} ({Detail})")]
        public static partial void Resumed(ILogger logger, string service, UpdateResultKind result, string detail);
    }
}
