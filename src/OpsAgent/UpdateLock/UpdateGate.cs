using System.Globalization;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.UpdateLock;

/// <summary>
/// Decides whether an update may be applied now: not while a session is in progress, unless in the maintenance
/// window. An appliance whose status cannot be read is not taken as idle while its container runs: under load it
/// may just be busy decoding. Only when /healthz has failed for <see cref="OpsAgentOptions.UnresponsiveUpdateAfter"/>
/// too is updating taken as the likelier cure.
/// </summary>
internal sealed class UpdateGate(
    IApplianceStatusClient appliance, IContainerStates containers, ApplianceLiveness liveness, IOptions<OpsAgentOptions> options, TimeProvider time)
{
    /// <summary>Null when the update may go ahead; otherwise why it waits.</summary>
    public async Task<string?> WhyWaitAsync(ManagedServiceOptions service, CancellationToken cancellationToken)
    {
        if (!service.WaitForIdleSession || InMaintenanceWindow())
        {
            return null;
        }
        var status = await appliance.GetStatusAsync(cancellationToken);
        if (status is not null)
        {
            return status.CaptionsLive ? $"captions are {status.SessionState!.ToLowerInvariant()}" : null;
        }
        if (!await containers.IsRunningAsync(service.ContainerName, cancellationToken))
        {
            return null;
        }
        var failure = await appliance.CheckLivenessAsync(cancellationToken);
        liveness.Observe(failure);
        if (failure is null)
        {
            return "the appliance's status cannot be read but its container runs and answers /healthz (it may be busy decoding)";
        }
        var failingFor = liveness.FailingFor;
        var limit = options.Value.UnresponsiveUpdateAfter;
        return failingFor >= limit
            ? null
            : $"the appliance's status cannot be read and /healthz has failed for {Seconds(failingFor)} s of the {Seconds(limit)} s after which an update goes ahead";
    }

    public bool InMaintenanceWindow()
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.MaintenanceWindowStart) || string.IsNullOrWhiteSpace(o.MaintenanceWindowEnd))
        {
            return false;
        }
        var start = TimeOnly.ParseExact(o.MaintenanceWindowStart, "HH:mm", CultureInfo.InvariantCulture);
        var end = TimeOnly.ParseExact(o.MaintenanceWindowEnd, "HH:mm", CultureInfo.InvariantCulture);
        var now = TimeOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return start <= end ? now >= start && now < end : now >= start || now < end;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture);
}
