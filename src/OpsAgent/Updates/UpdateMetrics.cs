using Prometheus;

namespace LiveStt.OpsAgent.Updates;

/// <summary>Counters of what updates did since the agent started, for /metrics.</summary>
internal static class UpdateMetrics
{
    public static readonly Counter Updates = Metrics.CreateCounter(
        "livestt_opsagent_updates_total", "Swaps that committed: the new version runs.", "service");

    public static readonly Counter Rollbacks = Metrics.CreateCounter(
        "livestt_opsagent_rollbacks_total", "Swaps that went back to the previous version.", "service");

    public static readonly Counter FailedUpdateChecks = Metrics.CreateCounter(
        "livestt_opsagent_update_check_failures_total", "Update checks that failed (registry or Docker errors).", "service");

    /// <summary>Counts what a history entry says happened.</summary>
    public static void Count(string service, string @event)
    {
        switch (@event)
        {
            case "updated":
                Updates.WithLabels(service).Inc();
                break;
            case "rolled-back":
                Rollbacks.WithLabels(service).Inc();
                break;
        }
    }
}
