using System.Text.Json;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>Per-service memory that must survive restarts: targets that failed, and the registry digest an offline update superseded.</summary>
public sealed class AgentStateStore(IOptions<OpsAgentOptions> options)
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
    }
}
