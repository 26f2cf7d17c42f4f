using System.Text.Json;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>One journal file per service with a swap in progress, in the state folder.</summary>
internal sealed class SwapJournalStore(IOptions<OpsAgentOptions> options)
{
    private string Directory => options.Value.StateDirectory;

    public void Save(SwapJournal journal)
    {
        System.IO.Directory.CreateDirectory(Directory);
        DurableFile.WriteAtomically(PathFor(journal.Service), JsonSerializer.SerializeToUtf8Bytes(journal, AgentJson.Indented));
    }

    public void Delete(string service) => DurableFile.Delete(PathFor(service));

    /// <summary>The journal of the service's unfinished swap, or null.</summary>
    public SwapJournal? Load(string service)
    {
        var path = PathFor(service);
        return File.Exists(path) ? JsonSerializer.Deserialize<SwapJournal>(File.ReadAllBytes(path), AgentJson.Options) : null;
    }

    public IReadOnlyList<SwapJournal> LoadAll()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }
        return System.IO.Directory.GetFiles(Directory, "swap-*.json")
            .Select(path => JsonSerializer.Deserialize<SwapJournal>(File.ReadAllBytes(path), AgentJson.Options)!)
            .ToList();
    }

    private string PathFor(string service) => Path.Combine(Directory, $"swap-{service}.json");
}
