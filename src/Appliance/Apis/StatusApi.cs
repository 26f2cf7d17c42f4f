using LiveStt.Appliance.Backplane;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Models;
using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Transcription;
using LiveStt.Appliance.Vocabulary;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveStt.Appliance.Apis;

/// <summary>What the box is doing: for the viewer's banner, the kiosk, and the ops agent's health checks.</summary>
public static class StatusApi
{
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/status", GetStatus).WithName("GetStatus");
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthReportText.WriteAsync });
        return endpoints;
    }

    internal static Ok<ApplianceStatus> GetStatus(
        IWhisperRuntime whisper, IModelProvider models, ICaptionSessionState session, ISiteVocabulary vocabulary, CaptionBroadcaster viewers, BackplaneMonitor backplane)
    {
        WhisperStatus whisperStatus;
        try
        {
            var info = whisper.Info;
            whisperStatus = new WhisperStatus(info.Binding, info.Version, info.Runtime, info.LibraryPath, info.Backend, info.Device, info.SystemInfo,
                info.RequestedRuntimes, info.Fallback, Error: null);
        }
        catch (WhisperLibraryException ex)
        {
            whisperStatus = new WhisperStatus(WhisperRuntime.Binding, null, null, null, null, null, null, null, null, ex.Message);
        }

        var model = models.Current is { } m ? new ModelStatus(m.Name, m.IsDemo, m.SizeBytes) : null;
        return TypedResults.Ok(new ApplianceStatus(whisperStatus, model, models.Download, session.Current, vocabulary.Status,
            new ViewerStatus(viewers.ViewerCount, viewers.ViewersDisconnectedForFallingBehind), backplane.Current));
    }
}
