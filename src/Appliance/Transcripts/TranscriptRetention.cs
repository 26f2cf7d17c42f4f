using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Transcripts;

/// <summary>
/// Deletes transcripts older than <see cref="TranscriptOptions.RetentionDays"/>, at start-up and every six hours;
/// the running session's is never touched.
/// </summary>
internal sealed partial class TranscriptRetention(
    TranscriptStore store,
    IOptions<TranscriptOptions> options,
    TimeProvider time,
    ILogger<TranscriptRetention> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    /// <summary>Deletes what is past its time now; returns how many transcripts went.</summary>
    public int DeleteExpired()
    {
        var days = options.Value.RetentionDays;
        if (days <= 0 || !store.Enabled)
        {
            return 0;
        }

        var deleted = 0;
        foreach (var file in store.OlderThan(time.GetUtcNow().AddDays(-days)))
        {
            try
            {
                file.Delete();
                deleted++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.NotDeleted(logger, file.Name, ex.Message);
            }
        }

        if (deleted > 0)
        {
            Log.Deleted(logger, deleted, days);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            DeleteExpired();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1740, Level = LogLevel.Information, Message = "Deleted {Count} transcript(s) older than {Days} days")]
        public static partial void Deleted(ILogger logger, int count, int days);

        [LoggerMessage(EventId = 1741, Level = LogLevel.Warning, Message = "Could not delete the expired transcript {File}: {Reason}")]
        public static partial void NotDeleted(ILogger logger, string file, string reason);
    }
}
