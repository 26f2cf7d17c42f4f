using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// The crash tests' hold points: a swap waits here, when the test-only settings name the point, until the process
/// is killed. Unset (always, in production), each call returns at once.
/// </summary>
internal sealed partial class SwapPauses(IOptions<OpsAgentOptions> options, TimeProvider time, ILogger<SwapPauses> logger)
{
    public Task AfterStepAsync(SwapStep step, CancellationToken cancellationToken) =>
        HoldIfAsync(options.Value.PauseAtSwapStep, step.ToString(), cancellationToken);

    public Task AfterCallAsync(SwapCall call, CancellationToken cancellationToken) =>
        HoldIfAsync(options.Value.PauseAfterSwapCall, call.ToString(), cancellationToken);

    private async Task HoldIfAsync(string? configured, string point, CancellationToken cancellationToken)
    {
        if (string.Equals(configured, point, StringComparison.Ordinal))
        {
            Log.Paused(logger, point);
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2, LogLevel.Warning, "Paused at swap point {Point} (test setting)")]
        public static partial void Paused(ILogger logger, string point);
    }
}
