using LiveStt.Appliance.Apis;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Models;
using LiveStt.Appliance.Streaming;
using Microsoft.AspNetCore.SignalR;

namespace LiveStt.Appliance.Kiosk;

/// <summary>
/// Pushes a <see cref="KioskUpdate"/> to every listening kiosk page ten times a second (the input level meter moves
/// with it); with no kiosk listening it does nothing. A slow kiosk is SignalR's to buffer or drop, never a wait here.
/// </summary>
internal sealed partial class KioskStatusPublisher(
    IHubContext<KioskHub> hub,
    KioskAudience audience,
    ICaptionSessionState session,
    CaptionBroadcaster viewers,
    IModelProvider models,
    BoxProbe box,
    TimeProvider time,
    ILogger<KioskStatusPublisher> logger) : BackgroundService
{
    /// <summary>The input meter's own blocks are 100 ms long: updating faster would show nothing new.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Committed lines shown on the kiosk.</summary>
    public const int RecentLines = 5;

    /// <summary>What the kiosk would be sent now.</summary>
    public KioskUpdate Snapshot()
    {
        var backlog = viewers.Backlog;
        var current = session.Current;
        var recent = backlog
            .Where(line => line.SessionId == current.SessionId)
            .TakeLast(RecentLines)
            .Select(line => new KioskLine(line.Seq, line.Text))
            .ToList();
        var model = models.Current is { } m ? new ModelStatus(m.Name, m.IsDemo, m.SizeBytes) : null;
        return new KioskUpdate(current, viewers.ViewerCount, recent, model, models.Download, box.Read());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (audience.Connected == 0)
                {
                    continue;
                }

                try
                {
                    await hub.Clients.All.SendAsync(KioskHub.StatusMethod, Snapshot(), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.SendFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1710, Level = LogLevel.Warning, Message = "Sending the kiosk's status failed")]
        public static partial void SendFailed(ILogger logger, Exception exception);
    }
}
