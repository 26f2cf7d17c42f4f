using LiveStt.Appliance.Audio;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveStt.Appliance.Apis;

/// <summary><c>GET /api/audio/devices</c>: the capture devices the box has, for choosing its input.</summary>
public static class AudioApi
{
    public static IEndpointRouteBuilder MapAudioApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var audio = endpoints.MapGroup("/api/audio");
        audio.MapGet("/devices", ListDevices).WithName("ListAudioDevices");
        return endpoints;
    }

    internal static Results<Ok<IReadOnlyList<AudioDevice>>, ProblemHttpResult> ListDevices(IAudioDeviceCatalog catalog)
    {
        try
        {
            return TypedResults.Ok(catalog.CaptureDevices());
        }
        catch (AudioSourceException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The capture devices cannot be listed");
        }
    }
}
