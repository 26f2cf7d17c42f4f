using System.Text.RegularExpressions;
using LiveStt.OpsAgent.Tests.Infrastructure;

namespace LiveStt.OpsAgent.Tests.Updates;

/// <summary>
/// A power cut keeps what the agent journaled only if the state folder itself is synced after a rename: the file's
/// own fsync keeps its bytes, not its new name. The agent process runs under strace through a whole update, and
/// every rename into the state folder must be followed by an fsync of the folder before the next one.
/// </summary>
public sealed partial class StateDurabilityTests(DockerFixture docker) : AgentTest(docker)
{
    private readonly string _work = Directory.CreateTempSubdirectory("opsagent-strace-").FullName;

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public async Task Every_rename_in_the_state_folder_during_an_update_is_followed_by_a_sync_of_the_folder()
    {
        var repository = Engine.NewRepository("durable");
        var name = "opsagent-test-durable-" + Guid.NewGuid().ToString("N")[..6];
        await Engine.PushAsync(Engine.V1, repository);
        await Engine.RunServiceAsync(name, $"{repository}:stable");
        await Engine.PushAsync(Engine.V2, repository);
        var settings = new AgentSettings("svc", name, $"{repository}:stable", Appliance.Url);
        var trace = Path.Combine(_work, "agent.strace");
        try
        {
            using (var agent = await AgentProcess.StartAsync(settings,
                ["strace", "-f", "--seccomp-bpf", "-qq", "-s", "4096", "-e", "trace=openat,rename,renameat,renameat2,fsync", "-o", trace]))
            {
                var updated = await agent.Client.CheckAsync("svc");
                updated.GetProperty("result").GetString().ShouldBe("Updated", updated.ToString());
                await agent.KillAsync();
            }

            var lines = await File.ReadAllLinesAsync(trace, TestContext.Current.CancellationToken);
            var calls = Calls(lines, settings.StateDirectory);
            var renames = calls.Where(c => c.Kind == "rename").ToList();
            renames.Select(c => Path.GetFileName(c.Path)).ShouldContain("swap-svc.json",
                "the swap journal was written; the trace's calls on the state folder:\n"
                + string.Join('\n', lines.Where(l => l.Contains(settings.StateDirectory, StringComparison.Ordinal)).Take(60)));
            for (var i = 0; i < calls.Count; i++)
            {
                if (calls[i].Kind != "rename")
                {
                    continue;
                }
                var next = calls.FindIndex(i + 1, c => c.Kind is "rename" or "sync");
                (next >= 0 && calls[next].Kind == "sync").ShouldBeTrue($"rename to {calls[i].Path} was not followed by a sync of the folder");
            }
        }
        finally
        {
            Directory.Delete(settings.StateDirectory, recursive: true);
        }
    }

    /// <summary>Renames into the folder and fsyncs of a descriptor opened on the folder, in trace order.</summary>
    private static List<(string Kind, string Path)> Calls(string[] lines, string folder)
    {
        var calls = new List<(string Kind, string Path)>();
        var folderFds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Completed(lines))
        {
            if (Opened().Match(line) is { Success: true } opened)
            {
                Track(opened.Groups["path"].Value, opened.Groups["fd"].Value);
            }
            else if (Renamed().Match(line) is { Success: true } renamed && Path.GetDirectoryName(renamed.Groups["to"].Value) == folder)
            {
                calls.Add(("rename", renamed.Groups["to"].Value));
            }
            else if (Synced().Match(line) is { Success: true } synced && folderFds.Contains(synced.Groups["fd"].Value))
            {
                calls.Add(("sync", folder));
            }
        }
        return calls;

        void Track(string path, string fd)
        {
            if (path.TrimEnd('/') == folder)
            {
                folderFds.Add(fd);
            }
            else
            {
                folderFds.Remove(fd);
            }
        }
    }

    /// <summary>
    /// With several threads traced, strace splits a call that another thread interrupts into an "unfinished" line
    /// and a "resumed" line, and a busy machine splits more of them; each pair is joined back into one line, placed
    /// where the call returned. strace pads the pid column to five characters and short calls to a column, so a young machine's four-digit pids
    /// are followed by two spaces and "= 0" may follow many.
    /// </summary>
    private static IEnumerable<string> Completed(string[] lines)
    {
        var unfinished = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (Unfinished().Match(line) is { Success: true } start)
            {
                unfinished[start.Groups["pid"].Value] = start.Groups["call"].Value;
            }
            else if (Resumed().Match(line) is { Success: true } end)
            {
                if (unfinished.Remove(end.Groups["pid"].Value, out var call))
                {
                    yield return call + end.Groups["rest"].Value;
                }
            }
            else
            {
                yield return line;
            }
        }
    }

    [GeneratedRegex("""^(?<call>(?<pid>\d+) +.*) <unfinished \.\.\.>$""")]
    private static partial Regex Unfinished();

    [GeneratedRegex("""^(?<pid>\d+) +<\.\.\. \w+ resumed>(?<rest>.*)$""")]
    private static partial Regex Resumed();

    [GeneratedRegex("""^\d+ +openat\(AT_FDCWD, "(?<path>[^"]+)", [^)]*\) += (?<fd>\d+)$""")]
    private static partial Regex Opened();

    [GeneratedRegex("""^\d+ +(?:rename\("[^"]+", |renameat2?\(AT_FDCWD, "[^"]+", AT_FDCWD, )"(?<to>[^"]+)"(?:, \w+)?\) += 0$""")]
    private static partial Regex Renamed();

    [GeneratedRegex("""^\d+ +fsync\((?<fd>\d+)\) += 0$""")]
    private static partial Regex Synced();
}
