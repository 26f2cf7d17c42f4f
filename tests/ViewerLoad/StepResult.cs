using System.Globalization;

namespace LiveStt.ViewerLoad;

/// <summary>What one step (N viewers held for the measured period) came to.</summary>
internal sealed record StepResult(
    int Viewers,
    int Joined,
    double JoinSeconds,
    int TicketsRefused,
    int ConnectionsRefused,
    int Dropped,
    long? FellBehindOnBox,
    int Events,
    int ViewersMissingEvents,
    long MissingDeliveries,
    int StreamGaps,
    double? DelayP50Ms,
    double? DelayP99Ms,
    double? DelayMaxMs,
    double ResidentMib,
    double? KibPerViewer,
    double BoxCpuPercent,
    double LagMeanMs,
    long LagMaxMs,
    double GeneratorCpuPercent,
    string LoadAverage)
{
    public const string Header =
        "| viewers | joined in s | tickets 429 | connections refused | dropped | fell behind (box) | events | viewers missing any | delay p50 / p99 / max ms | RSS MiB | KiB per viewer | box CPU % of a core | lag mean / max ms | generator CPU % | load (1/5/15) |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public string Row()
    {
        var c = CultureInfo.InvariantCulture;
        static string Ms(double? v) => v is null ? "-" : Math.Round(v.Value).ToString(CultureInfo.InvariantCulture);
        var joined = Joined == Viewers ? Viewers.ToString(c) : $"{Joined} of {Viewers}";
        var missing = ViewersMissingEvents == 0 ? "0" : $"{ViewersMissingEvents} ({MissingDeliveries} deliveries)";
        if (StreamGaps > 0)
        {
            missing += $", {StreamGaps} seqs no viewer got";
        }

        return string.Create(c, $"| {joined} | {(Viewers == 0 ? "-" : JoinSeconds.ToString("0.0", c))} | {TicketsRefused} | {ConnectionsRefused} | {Dropped} | {(FellBehindOnBox?.ToString(c) ?? "-")} | {Events} | {missing} | {Ms(DelayP50Ms)} / {Ms(DelayP99Ms)} / {Ms(DelayMaxMs)} | {ResidentMib:0} | {(KibPerViewer is { } k ? k.ToString("0.0", c) : "-")} | {BoxCpuPercent:0} | {LagMeanMs:0} / {LagMaxMs} | {GeneratorCpuPercent:0} | {LoadAverage} |");
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    public static double? Percentile(IReadOnlyList<long> sorted, double fraction) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
