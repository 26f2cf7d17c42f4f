using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using LiveStt.ViewerLoad;

const string Usage = "usage: LiveStt.ViewerLoad --box URL --pid PID [--counts 100,500] [--stretch N] [--hold SECONDS] " +
    "[--sources K] [--parallel P] [--join-timeout SECONDS] [--json PATH]";

if (!LoadArguments.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(Usage);
    return 2;
}

using var status = new HttpClient { BaseAddress = options.Box, Timeout = TimeSpan.FromSeconds(10) };
var probe = new BoxProbe(options.Pid, status);
var sources = Enumerable.Range(0, options.Sources).Select(i => new ViewerSource(new IPAddress([127, 0, 0, (byte)(1 + i)]), options.Box)).ToArray();
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var runner = new LoadRunner(options, probe, sources);
var results = new List<StepResult>();
await using var json = options.JsonPath is null ? null : new StreamWriter(options.JsonPath, append: true);
Console.WriteLine($"box {options.Box}, pid {options.Pid}, {options.Sources} source address(es) 127.0.0.1-{options.Sources}, " +
    $"JSON protocol, hold {options.Hold.TotalSeconds:0} s, {options.Parallel} joins at a time");
Console.WriteLine(StepResult.Header);

// A first few viewers come and go before the idle figure, so that it holds what serving any phone at all costs
// (SignalR's code compiled, its pools made) and the per-viewer figure holds what each one more costs.
await runner.RunAsync(50, idleResidentKib: null, stop.Token);
var idle = await runner.RunAsync(0, idleResidentKib: null, stop.Token);
Report(idle);
var counts = options.Counts.ToList();
for (var i = 0; i < counts.Count && !stop.IsCancellationRequested; i++)
{
    var result = await runner.RunAsync(counts[i], idle.ResidentMib * 1024, stop.Token);
    Report(result);
    var held = result.Joined == result.Viewers && result.Dropped == 0 && result.ViewersMissingEvents == 0 && result.DelayP99Ms <= 250;
    if (i == counts.Count - 1 && options.Stretch is { } stretch && held)
    {
        counts.Add(stretch);
    }
}

foreach (var source in sources)
{
    source.Dispose();
}

return 0;

void Report(StepResult result)
{
    results.Add(result);
    Console.WriteLine(result.Row());
    json?.WriteLine(JsonSerializer.Serialize(result));
    json?.Flush();
}
