using System.Globalization;
using LiveStt.Appliance.Streaming;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveStt.Appliance.Apis;

/// <summary>
/// Unhealthy when the caption session has faulted, so Docker's health status, and the ops agent's
/// health-gated update, see a box that cannot caption as broken rather than merely idle. Degraded while a session's
/// transcript is not being written (the data volume is full): captions still reach the phones, so nothing should
/// restart or roll the box back for it, but /healthz says so.
/// </summary>
internal sealed class CaptionSessionHealthCheck(ICaptionSessionState session) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = session.Current;
        var open = snapshot.State is SessionStates.Starting or SessionStates.Live or SessionStates.Paused or SessionStates.Stopping;
        var result = snapshot.State == SessionStates.Faulted
            ? HealthCheckResult.Unhealthy($"caption session faulted: {snapshot.Error}")
            : open && snapshot.Transcript is { Writing: false } transcript
                ? HealthCheckResult.Degraded(string.Create(
                    CultureInfo.InvariantCulture,
                    $"caption session {snapshot.State}, but its transcript is not being written: {transcript.Error}; {transcript.Pending} records waiting, {transcript.DroppedLines} lines lost"))
                : HealthCheckResult.Healthy($"caption session {snapshot.State}");
        return Task.FromResult(result);
    }
}
