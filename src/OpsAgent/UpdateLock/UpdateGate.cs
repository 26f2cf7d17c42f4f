using System.Globalization;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.UpdateLock;

/// <summary>Decides whether an update may be applied now: not while captions are live, unless in the maintenance window.</summary>
public sealed class UpdateGate(IApplianceStatusClient appliance, IOptions<OpsAgentOptions> options, TimeProvider time)
{
    /// <summary>Null when the update may go ahead; otherwise why it waits.</summary>
    public async Task<string?> WhyWaitAsync(ManagedServiceOptions service, CancellationToken cancellationToken)
    {
        if (!service.WaitForIdleSession || InMaintenanceWindow())
        {
            return null;
        }
        var status = await appliance.GetStatusAsync(cancellationToken);
        // An appliance that cannot be read is not captioning anyone; updating it may well be the cure.
        return status?.CaptionsLive == true ? "captions are live" : null;
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
}
