using LiveStt.Appliance.Models;
using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Transcription;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveStt.Appliance.Apis;

/// <summary>What the box is doing: for the viewer's banner, the kiosk, and the ops agent's health checks.</summary>
public static class StatusApi
{
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/status", GetStatus).WithName("GetStatus");
        endpoints.MapHealthChecks("/healthz");
        return endpoints;
    }

    internal static Ok<ApplianceStatus> GetStatus(IWhisperRuntime whisper, IModelProvider models, ICaptionSessionState session)
    {
        WhisperStatus whisperStatus;
        try
        {
            var info = whisper.Info;
            whisperStatus = new WhisperStatus(info.Version, info.Backend, info.SystemInfo, Error: null);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException or BadImageFormatException)
        {
            whisperStatus = new WhisperStatus(null, null, null, ex.Message);
        }

        var model = models.Current is { } m ? new ModelStatus(m.Name, m.IsDemo, m.SizeBytes) : null;
        return TypedResults.Ok(new ApplianceStatus(whisperStatus, model, models.Download, session.Current));
    }
}
