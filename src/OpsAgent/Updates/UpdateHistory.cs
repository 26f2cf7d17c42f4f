using System.Text.Json;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>Append-only update history (JSON lines in the state folder, flushed per entry), bounded in size.</summary>
internal sealed class UpdateHistory(IOptions<OpsAgentOptions> options, TimeProvider time)
{
    private const long MaxBytes = 4 * 1024 * 1024;
    private readonly Lock _gate = new();

    public string FilePath => Path.Combine(options.Value.StateDirectory, "history.jsonl");

    public void Record(string service, string @event, string detail, SwapJournal? swap = null)
    {
        var entry = new UpdateHistoryEntry(time.GetUtcNow(), service, @event, detail, swap?.SwapId, swap?.Step.ToString(), swap?.Target);
        var line = JsonSerializer.Serialize(entry, AgentJson.Options);
        lock (_gate)
        {
            Directory.CreateDirectory(options.Value.StateDirectory);
            if (File.Exists(FilePath) && new FileInfo(FilePath).Length > MaxBytes)
            {
                // Keep the newer half; history is for diagnosis, not an audit log that must never shrink.
                var lines = File.ReadAllLines(FilePath);
                DurableFile.WriteAtomically(FilePath, System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines[(lines.Length / 2)..]) + "\n"));
            }
            DurableFile.AppendLine(FilePath, line);
        }
        UpdateMetrics.Count(service, @event);
    }

    public IReadOnlyList<UpdateHistoryEntry> Read(int limit = int.MaxValue)
    {
        string[] lines;
        lock (_gate)
        {
            if (!File.Exists(FilePath))
            {
                return [];
            }
            lines = File.ReadAllLines(FilePath);
        }
        var entries = new List<UpdateHistoryEntry>();
        foreach (var line in lines.Skip(Math.Max(0, lines.Length - limit)))
        {
            // A kill during an append can leave a torn last line; skip it rather than fail the whole history.
            try
            {
                if (JsonSerializer.Deserialize<UpdateHistoryEntry>(line, AgentJson.Options) is { } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (JsonException)
            {
            }
        }
        return entries;
    }
}
