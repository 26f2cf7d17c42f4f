using Microsoft.Extensions.Logging;

namespace LiveStt.Appliance.Models;

/// <summary>Logs a download's progress every 5 % or every few seconds, whichever comes first.</summary>
internal sealed partial class DownloadProgressLog(ILogger logger, TimeProvider timeProvider, string modelName, long totalBytes)
{
    private const int PercentStep = 5;
    private static readonly TimeSpan TimeStep = TimeSpan.FromSeconds(5);

    private readonly long _started = timeProvider.GetTimestamp();
    private long _lastLoggedAt = timeProvider.GetTimestamp();
    private long _lastLoggedPercent;

    public void Report(long receivedBytes)
    {
        var percent = totalBytes > 0 ? receivedBytes * 100 / totalBytes : 0;
        var now = timeProvider.GetTimestamp();
        var finished = receivedBytes == totalBytes;
        if (!finished && percent < _lastLoggedPercent + PercentStep && timeProvider.GetElapsedTime(_lastLoggedAt, now) < TimeStep)
        {
            return;
        }

        _lastLoggedPercent = percent - (percent % PercentStep);
        _lastLoggedAt = now;
        var seconds = timeProvider.GetElapsedTime(_started, now).TotalSeconds;
        var rate = seconds > 0 ? receivedBytes / seconds / 1e6 : 0;
        Progress(logger, modelName, receivedBytes / 1e6, totalBytes / 1e6, percent, rate);
    }

    [LoggerMessage(EventId = 1410, Level = LogLevel.Information,
        Message = "Downloading model {ModelName}: {ReceivedMegabytes:F1} of {TotalMegabytes:F1} MB ({Percent}%), {MegabytesPerSecond:F2} MB/s")]
    private static partial void Progress(ILogger logger, string modelName, double receivedMegabytes, double totalMegabytes, long percent, double megabytesPerSecond);
}
