using System.Diagnostics;

namespace LiveStt.ViewerLoad;

/// <summary>
/// One step: N viewers join (each with its own ticket), are held while the box captions, and leave again; the
/// figures come from what each viewer received and from the box's process and status.
/// </summary>
internal sealed class LoadRunner(LoadArguments options, BoxProbe probe, IReadOnlyList<ViewerSource> sources)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(3);

    public async Task<StepResult> RunAsync(int count, double? idleResidentKib, CancellationToken cancellationToken)
    {
        var viewers = Enumerable.Range(0, count).Select(i => new LoadViewer(sources[i % sources.Count])).ToArray();
        var joined = new bool[count];
        var joining = Stopwatch.StartNew();
        using (var joinTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            joinTimeout.CancelAfter(options.JoinTimeout);
            using var gate = new SemaphoreSlim(options.Parallel);
            await Task.WhenAll(viewers.Select(async (viewer, i) =>
            {
                try
                {
                    await gate.WaitAsync(joinTimeout.Token);
                    try
                    {
                        await viewer.JoinAsync(options.Box, joinTimeout.Token);
                        joined[i] = true;
                    }
                    finally
                    {
                        gate.Release();
                    }
                }
                catch (OperationCanceledException)
                {
                    // Not joined within the time allowed; counted below.
                }
                catch (HttpRequestException ex)
                {
                    Console.Error.WriteLine($"viewer {i}: {ex.Message}");
                }
            }));
        }

        var joinSeconds = joining.Elapsed.TotalSeconds;
        var fellBehindBefore = (await probe.StatusAsync(cancellationToken)).FellBehind;
        await Task.Delay(Settle, cancellationToken);

        var generator = Process.GetCurrentProcess();
        var generatorCpu0 = generator.TotalProcessorTime;
        var cpu0 = probe.CpuSeconds();
        var wall = Stopwatch.StartNew();
        var from = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var lags = new List<long>();
        long residentKib = 0;
        while (wall.Elapsed < options.Hold)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            lags.Add((await probe.StatusAsync(cancellationToken)).LagMs);
            residentKib = Math.Max(residentKib, probe.ResidentKib());
        }

        var to = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var boxCpu = (probe.CpuSeconds() - cpu0) / wall.Elapsed.TotalSeconds * 100;
        generator.Refresh();
        var generatorCpu = (generator.TotalProcessorTime - generatorCpu0).TotalSeconds / wall.Elapsed.TotalSeconds * 100;
        var loadAverage = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        await Task.Delay(Drain, cancellationToken);
        var fellBehindAfter = (await probe.StatusAsync(cancellationToken)).FellBehind;

        // What was published in the window: every event any viewer got with a publish stamp inside it.
        var published = viewers.SelectMany(v => v.Captions)
            .Where(c => c.PublishedAtUnixMs >= from && c.PublishedAtUnixMs <= to)
            .Select(c => (c.SessionId, c.Seq))
            .ToHashSet();
        // Seqs rise by one per event within a session, so a hole in the union is an event no viewer got.
        var gaps = published.GroupBy(c => c.SessionId).Sum(s => (int)(s.Max(c => c.Seq) - s.Min(c => c.Seq) + 1 - s.Count()));
        var delays = new List<long>();
        var viewersMissing = 0;
        long missingDeliveries = 0;
        for (var i = 0; i < count; i++)
        {
            var got = new HashSet<(string, long)>();
            foreach (var c in viewers[i].Captions)
            {
                if (published.Contains((c.SessionId, c.Seq)) && got.Add((c.SessionId, c.Seq)))
                {
                    delays.Add(c.ReceivedAtUnixMs - c.PublishedAtUnixMs);
                }
            }

            var missing = published.Count - got.Count;
            if (missing > 0)
            {
                viewersMissing++;
                missingDeliveries += missing;
            }
        }

        delays.Sort();
        var dropped = viewers.Count(v => v.Dropped);
        var result = new StepResult(
            count,
            joined.Count(j => j),
            joinSeconds,
            viewers.Sum(v => v.TicketsRefused),
            viewers.Sum(v => v.ConnectionsRefused),
            dropped,
            fellBehindAfter - fellBehindBefore,
            published.Count,
            viewersMissing,
            missingDeliveries,
            gaps,
            StepResult.Percentile(delays, 0.50),
            StepResult.Percentile(delays, 0.99),
            delays.Count == 0 ? null : delays[^1],
            residentKib / 1024.0,
            count > 0 && idleResidentKib is { } idle ? (residentKib - idle) / count : null,
            boxCpu,
            lags.Count == 0 ? 0 : lags.Average(),
            lags.Count == 0 ? 0 : lags.Max(),
            generatorCpu,
            loadAverage);

        await Task.WhenAll(viewers.Select(v => v.DisposeAsync().AsTask()));
        await WaitForViewersToLeaveAsync(cancellationToken);
        return result;
    }

    private async Task WaitForViewersToLeaveAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < 30; i++)
        {
            if ((await probe.StatusAsync(cancellationToken)).Viewers is null or 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
