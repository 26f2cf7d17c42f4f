using System.Text.Json;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// Per-service memory that must survive restarts: targets that failed, the registry digest an offline update
/// superseded, and the update that waits for the session to end.
/// </summary>
internal sealed class AgentStateStore(IOptions<OpsAgentOptions> options)
{
    /// <summary>Marks an offline update made while the registry could not be asked; the next digest seen is taken as superseded.</summary>
    public const string PinPending = "pending";

    private readonly Lock _gate = new();

    private string FilePath => Path.Combine(options.Value.StateDirectory, "state.json");

    public bool IsFailed(string service, string target)
    {
        lock (_gate)
        {
            return Load().Services.TryGetValue(service, out var s) && s.FailedTargets.Contains(target);
        }
    }

    public IReadOnlyList<string> FailedTargets(string service)
    {
        lock (_gate)
        {
            return Load().Services.TryGetValue(service, out var s) ? [.. s.FailedTargets] : [];
        }
    }

    public void MarkFailed(string service, string target) => Update(service, s =>
    {
        if (!s.FailedTargets.Contains(target))
        {
            s.FailedTargets.Add(target);
        }
    });

    public string? PinnedRegistryDigest(string service)
    {
        lock (_gate)
        {
            return Load().Services.TryGetValue(service, out var s) ? s.PinnedRegistryDigest : null;
        }
    }

    public void SetPinnedRegistryDigest(string service, string? digest) => Update(service, s => s.PinnedRegistryDigest = digest);

    /// <summary>The update waiting for captions to stop, per service.</summary>
    public IReadOnlyDictionary<string, DeferredUpdate> Deferred()
    {
        lock (_gate)
        {
            return Load().Services.Where(s => s.Value.Deferred is not null).ToDictionary(s => s.Key, s => s.Value.Deferred!, StringComparer.Ordinal);
        }
    }

    /// <summary>Records (or replaces) the service's waiting update; true when it was not already waiting for this target.</summary>
    public bool SetDeferred(string service, DeferredUpdate update)
    {
        var added = false;
        Update(service, s =>
        {
            added = s.Deferred?.Target != update.Target;
            s.Deferred = update;
        });
        return added;
    }

    /// <summary>Forgets the service's waiting update; the one forgotten, or null.</summary>
    public DeferredUpdate? ClearDeferred(string service)
    {
        DeferredUpdate? cleared = null;
        lock (_gate)
        {
            if (!Load().Services.TryGetValue(service, out var current) || current.Deferred is null)
            {
                return null;
            }
        }
        Update(service, s =>
        {
            cleared = s.Deferred;
            s.Deferred = null;
        });
        return cleared;
    }

    private void Update(string service, Action<ServiceState> change)
    {
        lock (_gate)
        {
            var state = Load();
            if (!state.Services.TryGetValue(service, out var s))
            {
                s = new ServiceState();
                state.Services[service] = s;
            }
            change(s);
            Directory.CreateDirectory(options.Value.StateDirectory);
            DurableFile.WriteAtomically(FilePath, JsonSerializer.SerializeToUtf8Bytes(state, AgentJson.Indented));
        }
    }

    private State Load() =>
        File.Exists(FilePath) ? JsonSerializer.Deserialize<State>(File.ReadAllBytes(FilePath), AgentJson.Options) ?? new State() : new State();

    private sealed class State
    {
        public Dictionary<string, ServiceState> Services { get; set; } = new(StringComparer.Ordinal);
    }

    private sealed class ServiceState
    {
        public List<string> FailedTargets { get; set; } = [];
        public string? PinnedRegistryDigest { get; set; }
        public DeferredUpdate? Deferred { get; set; }
    }
}
