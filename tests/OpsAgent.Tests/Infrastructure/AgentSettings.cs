using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.Updates;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>Command-line settings for an agent under test: one managed service, manual checks, short timeouts.</summary>
public sealed class AgentSettings
{
    public const string Token = "opsagent-test-token-3f9c2a7d41e8";

    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("opsagent-state-").FullName;
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public AgentSettings(string service, string container, string image, Uri applianceUrl, bool waitForIdleSession = true)
    {
        Values["OpsAgent:StateDirectory"] = StateDirectory;
        Values["OpsAgent:ApiToken"] = Token;
        Values["OpsAgent:CheckInterval"] = "00:00:00";
        Values["OpsAgent:HealthyTimeout"] = "00:00:20";
        Values["OpsAgent:StopTimeout"] = "00:00:01";
        Values["OpsAgent:SessionPollInterval"] = "00:00:00.500";
        Values["OpsAgent:HealthInterval"] = "00:01:00";
        Values["OpsAgent:ApplianceUrl"] = applianceUrl.ToString();
        Values["OpsAgent:MinFreeDiskBytes"] = "1";
        Values["OpsAgent:MinAvailableMemoryBytes"] = "1";
        Values["Logging:ConsoleFormat"] = "text";
        AddService(0, service, container, image, waitForIdleSession);
    }

    public AgentSettings AddService(int index, string service, string container, string image, bool waitForIdleSession = true)
    {
        Values[$"OpsAgent:Services:{index}:Name"] = service;
        Values[$"OpsAgent:Services:{index}:ContainerName"] = container;
        Values[$"OpsAgent:Services:{index}:Image"] = image;
        Values[$"OpsAgent:Services:{index}:WaitForIdleSession"] = waitForIdleSession ? "true" : "false";
        return this;
    }

    public AgentSettings Set(string key, string value)
    {
        Values[key] = value;
        return this;
    }

    public string[] ToArgs(string urls) => [.. Values.Select(kv => $"--{kv.Key}={kv.Value}"), $"--urls={urls}"];

    public string HistoryPath => Path.Combine(StateDirectory, "history.jsonl");

    /// <summary>The update history the agent wrote, read the agent's own way.</summary>
    internal IReadOnlyList<UpdateHistoryEntry> ReadHistory() =>
        new UpdateHistory(Options.Create(new OpsAgentOptions { StateDirectory = StateDirectory }), TimeProvider.System).Read();
}
