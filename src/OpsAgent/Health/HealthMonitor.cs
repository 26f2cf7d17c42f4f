using System.Globalization;
using Docker.DotNet;
using LiveStt.OpsAgent.Balena;
using LiveStt.OpsAgent.Engine;
using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.UpdateLock;
using Microsoft.Extensions.Options;
using Prometheus;

namespace LiveStt.OpsAgent.Health;

/// <summary>Runs the periodic checks (appliance, disk, memory, temperature, container restarts) and publishes them as metrics.</summary>
internal sealed partial class HealthMonitor(
    IApplianceStatusClient appliance,
    ApplianceLiveness applianceLiveness,
    SystemProbe system,
    IDockerClient docker,
    BalenaEnvironment balena,
    IOptions<OpsAgentOptions> options,
    TimeProvider time,
    ILogger<HealthMonitor> logger) : BackgroundService
{
    private static readonly Gauge CheckHealthy = Metrics.CreateGauge("livestt_opsagent_check_healthy", "1 when the named health check passes, 0 when it fails.", "check");
    private static readonly Gauge DiskFree = Metrics.CreateGauge("livestt_opsagent_disk_free_bytes", "Free bytes on the state folder's file system.");
    private static readonly Gauge MemoryAvailable = Metrics.CreateGauge("livestt_opsagent_memory_available_bytes", "MemAvailable of the host.");
    // Published only once read: a box without a sensor has no temperature, not one of 0 °C.
    private static readonly Gauge CpuTemperature = Metrics.CreateGauge(
        "livestt_opsagent_cpu_temperature_celsius", "Hottest thermal zone.", new GaugeConfiguration { SuppressInitialValue = true });
    private static readonly Counter CheckFailures = Metrics.CreateCounter(
        "livestt_opsagent_check_failures_total", "Health check runs in which the named check failed.", "check");
    private static readonly Gauge TranscriptionLag = Metrics.CreateGauge("livestt_opsagent_appliance_transcription_lag_ms", "Transcription lag the appliance reports.");
    private static readonly Gauge CaptionsLive = Metrics.CreateGauge("livestt_opsagent_appliance_captions_live", "1 while the appliance reports a live session.");
    private static readonly Gauge Restarts = Metrics.CreateGauge("livestt_opsagent_container_restarts", "Docker restart count of each managed container.", "service");

    private volatile HealthReport _latest = HealthReport.None;

    public HealthReport Latest => _latest;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HealthInterval, time);
        do
        {
            await RunChecksAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<HealthReport> RunChecksAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var checks = new List<HealthCheckResult>();
        var liveness = await appliance.CheckLivenessAsync(cancellationToken);
        applianceLiveness.Observe(liveness);
        checks.Add(new("appliance.healthz", liveness is null, liveness ?? "answered"));

        var status = await appliance.GetStatusAsync(cancellationToken);
        checks.Add(SessionCheck(status, o));
        CaptionsLive.Set(status?.CaptionsLive == true ? 1 : 0);
        if (status?.LagMs is { } lag)
        {
            TranscriptionLag.Set(lag);
        }

        var free = system.FreeDiskBytes();
        DiskFree.Set(free);
        checks.Add(new("disk", free >= o.MinFreeDiskBytes,
            $"{Mb(free)} MB free" + (free >= o.MinFreeDiskBytes ? "" : $", below the {Mb(o.MinFreeDiskBytes)} MB minimum"), free));

        if (system.AvailableMemoryBytes() is { } memory)
        {
            MemoryAvailable.Set(memory);
            checks.Add(new("memory", memory >= o.MinAvailableMemoryBytes,
                $"{Mb(memory)} MB available" + (memory >= o.MinAvailableMemoryBytes ? "" : $", below the {Mb(o.MinAvailableMemoryBytes)} MB minimum"), memory));
        }
        else
        {
            checks.Add(new("memory", true, "not exposed by this system"));
        }

        if (system.CpuTemperatureCelsius() is { } celsius)
        {
            CpuTemperature.Set(celsius);
            checks.Add(new("cpu_temperature", celsius <= o.MaxCpuTemperatureCelsius,
                $"{celsius.ToString("0.0", CultureInfo.InvariantCulture)} °C" + (celsius <= o.MaxCpuTemperatureCelsius ? "" : $", above {o.MaxCpuTemperatureCelsius.ToString(CultureInfo.InvariantCulture)} °C"), celsius));
        }
        else
        {
            CpuTemperature.Unpublish();
            checks.Add(new("cpu_temperature", true, "not exposed by this system"));
        }

        if (!balena.Enabled)
        {
            foreach (var service in o.Services)
            {
                checks.Add(await ContainerCheckAsync(service, o, cancellationToken));
            }
        }

        foreach (var check in checks)
        {
            CheckHealthy.WithLabels(check.Name).Set(check.Healthy ? 1 : 0);
            if (!check.Healthy)
            {
                CheckFailures.WithLabels(check.Name).Inc();
                Log.Failing(logger, check.Name, check.Detail);
            }
        }
        var report = new HealthReport(time.GetUtcNow(), checks);
        _latest = report;
        return report;
    }

    private static HealthCheckResult SessionCheck(ApplianceStatus? status, OpsAgentOptions o)
    {
        if (status is null)
        {
            return new("appliance.session", false, "/api/status could not be read");
        }
        if (string.Equals(status.SessionState, "faulted", StringComparison.OrdinalIgnoreCase))
        {
            return new("appliance.session", false, $"session faulted: {status.Error ?? "no reason given"}");
        }
        if (status.CaptionsLive && status.AudioAlive == false)
        {
            return new("appliance.session", false, "captions live but no audio is arriving");
        }
        if (status.CaptionsLive && status.LagMs > o.MaxTranscriptionLagMs)
        {
            return new("appliance.session", false,
                $"transcription lag {status.LagMs.Value.ToString("0", CultureInfo.InvariantCulture)} ms exceeds {o.MaxTranscriptionLagMs.ToString(CultureInfo.InvariantCulture)} ms", status.LagMs);
        }
        return new("appliance.session", true, $"session {status.SessionState ?? "unknown"}", status.LagMs);
    }

    private async Task<HealthCheckResult> ContainerCheckAsync(ManagedServiceOptions service, OpsAgentOptions o, CancellationToken cancellationToken)
    {
        var name = $"container.{service.Name}";
        try
        {
            var container = await docker.Containers.InspectContainerAsync(service.ContainerName, cancellationToken);
            Restarts.WithLabels(service.Name).Set(container.RestartCount);
            if (container.State?.Running != true)
            {
                return new(name, false, $"{service.ContainerName} is {container.State?.Status}", container.RestartCount);
            }
            if (container.State?.Health?.Status == "unhealthy")
            {
                return new(name, false, $"{service.ContainerName} is unhealthy", container.RestartCount);
            }
            return container.RestartCount > o.MaxContainerRestarts
                ? new(name, false, $"{service.ContainerName} restarted {container.RestartCount} times (limit {o.MaxContainerRestarts})", container.RestartCount)
                : new(name, true, $"{service.ContainerName} running, {container.RestartCount} restarts", container.RestartCount);
        }
        catch (DockerContainerNotFoundException)
        {
            return new(name, false, $"container {service.ContainerName} does not exist");
        }
        catch (Exception ex) when (ex is DockerApiException or HttpRequestException or IOException)
        {
            return new(name, false, $"Docker could not be asked: {EngineError.Describe(ex)}");
        }
    }

    private static string Mb(long bytes) => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(70, LogLevel.Warning, "Health check {Check} failing: {Detail}")]
        public static partial void Failing(ILogger logger, string check, string detail);
    }
}
