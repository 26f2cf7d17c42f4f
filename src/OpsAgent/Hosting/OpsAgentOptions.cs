namespace LiveStt.OpsAgent.Hosting;

/// <summary>Settings of the ops agent, bound from the "OpsAgent" section.</summary>
internal sealed class OpsAgentOptions
{
    public const string SectionName = "OpsAgent";

    /// <summary>Folder for the swap journal, update history and failed digests; must survive restarts.</summary>
    public string StateDirectory { get; set; } = "/var/lib/livestt-opsagent";

    /// <summary>Docker Engine endpoint.</summary>
    public string DockerEndpoint { get; set; } = "unix:///var/run/docker.sock";

    /// <summary>The containers the agent updates.</summary>
    public IList<ManagedServiceOptions> Services { get; } = [];

    /// <summary>How often the registry is asked for each tag's digest. Zero turns scheduled checks off.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a new container has to reach Docker health status "healthy".</summary>
    public TimeSpan HealthyTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>For images without a health check: how long the new container must keep running to count as healthy.</summary>
    public TimeSpan NoHealthCheckGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Grace period given to a container on stop (in a swap, or a restart through the API) before it is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Platform updates are pulled for, as os/arch[/variant] (linux/amd64, linux/arm64). Empty: the engine's own,
    /// from its /version. A multi-arch tag resolves to this platform's image; a pulled image of another is refused.
    /// </summary>
    public string? Platform { get; set; }

    /// <summary>Registry hosts reached over plain HTTP. Loopback hosts always are.</summary>
    public IList<string> InsecureRegistries { get; } = [];

    /// <summary>Base address of the appliance (its /healthz and /api/status).</summary>
    public Uri ApplianceUrl { get; set; } = new("http://127.0.0.1:8080");

    /// <summary>How often the appliance's session state is read (update lock, deferred updates).</summary>
    public TimeSpan SessionPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Start of the daily maintenance window (UTC, "HH:mm"), in which updates go ahead even with captions live. Empty: no window.</summary>
    public string? MaintenanceWindowStart { get; set; }

    /// <summary>End of the daily maintenance window (UTC, "HH:mm"); may be earlier than the start to span midnight.</summary>
    public string? MaintenanceWindowEnd { get; set; }

    /// <summary>API token. Prefer <see cref="ApiTokenFile"/>.</summary>
    public string? ApiToken { get; set; }

    /// <summary>File holding the API token (a Docker or balena secret).</summary>
    public string? ApiTokenFile { get; set; }

    /// <summary>Failed authentications from one address within <see cref="AuthFailureWindow"/> before it is locked out.</summary>
    public int AuthFailureLimit { get; set; } = 5;

    /// <summary>Window in which failed authentications are counted, and how long a lockout lasts.</summary>
    public TimeSpan AuthFailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Folder watched for image tarballs (docker save output). Empty: none.</summary>
    public string? OfflineDropDirectory { get; set; }

    /// <summary>Largest log bundle, in bytes, before compression.</summary>
    public long MaxLogBundleBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>How often health checks run.</summary>
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Free disk below this (bytes, on the state folder's file system) fails the disk check.</summary>
    public long MinFreeDiskBytes { get; set; } = 1L * 1024 * 1024 * 1024;

    /// <summary>Available memory below this (bytes) fails the memory check.</summary>
    public long MinAvailableMemoryBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>CPU temperature above this (°C) fails the temperature check.</summary>
    public double MaxCpuTemperatureCelsius { get; set; } = 85;

    /// <summary>Transcription lag above this (ms) while live fails the appliance session check.</summary>
    public double MaxTranscriptionLagMs { get; set; } = 5000;

    /// <summary>Container restarts above this fail the restart check.</summary>
    public long MaxContainerRestarts { get; set; } = 5;

    /// <summary>Root of /proc and /sys readings (tests point it elsewhere).</summary>
    public string SystemRoot { get; set; } = "/";

    /// <summary>balena's update lock file, held while captions are live in balenaOS mode.</summary>
    public string BalenaLockPath { get; set; } = "/tmp/balena/updates.lock";

    /// <summary>
    /// Logs of containers that swaps and rollbacks remove are kept in the state folder, for the log bundle, up to
    /// this many bytes in all (the oldest go first; one container keeps at most an eighth).
    /// </summary>
    public long MaxKeptLogBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// When the appliance's /api/status cannot be read but its container runs, an update waits (the appliance may
    /// just be busy decoding) unless /healthz has also failed for this long: then updating may be the cure.
    /// </summary>
    public TimeSpan UnresponsiveUpdateAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an unfinished swap (a rollback or commit that hit a Docker error) is tried again.</summary>
    public TimeSpan RecoveryRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Test-only: the swap waits at this step (after journaling it) until the process is killed. Never set in production.</summary>
    public string? PauseAtSwapStep { get; set; }

    /// <summary>Test-only: the swap waits right after this Docker call, before the next journal write, until the process is killed.</summary>
    public string? PauseAfterSwapCall { get; set; }
}
