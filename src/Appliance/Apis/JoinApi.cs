using LiveStt.Appliance.Captions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using QRCoder;

namespace LiveStt.Appliance.Apis;

/// <summary>
/// <c>/api/join</c>: how phones join, for the kiosk's QR code and the printed join card. The QR code is drawn on the
/// box (QRCoder); no web service is asked. Public: it says no more than the card on the wall.
/// </summary>
public static class JoinApi
{
    public static IEndpointRouteBuilder MapJoinApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var join = endpoints.MapGroup("/api/join");
        join.MapGet("/", GetJoinInfo).WithName("GetJoinInfo");
        join.MapGet("/qr.svg", GetQrCode).WithName("GetJoinQrCode");
        return endpoints;
    }

    internal static Ok<JoinInfo> GetJoinInfo(HttpRequest request, IOptions<CaptionDeliveryOptions> options)
    {
        var settings = options.Value;
        return TypedResults.Ok(new JoinInfo(ViewerUrl(request, settings), string.IsNullOrWhiteSpace(settings.WifiName) ? null : settings.WifiName.Trim()));
    }

    internal static FileContentHttpResult GetQrCode(HttpRequest request, IOptions<CaptionDeliveryOptions> options)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(ViewerUrl(request, options.Value), QRCodeGenerator.ECCLevel.M);
        // A viewBox and no fixed size, so the page scales it; quiet zones kept, which scanners need.
        var svg = new SvgQRCode(data).GetGraphic(10, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
        request.HttpContext.Response.Headers.CacheControl = "no-cache";
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(svg), "image/svg+xml");
    }

    /// <summary><see cref="CaptionDeliveryOptions.PublicUrl"/>, or the viewer's address on the host the request came to.</summary>
    internal static string ViewerUrl(HttpRequest request, CaptionDeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.PublicUrl))
        {
            return options.PublicUrl.Trim();
        }

        return $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}/";
    }
}
