namespace LiveStt.Appliance.Captions;

public static class CaptionsWebApplicationExtensions
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// Serves the viewer and the kiosk (the LiveStt.Captions.Web static files) at the site root, <c>/</c> being the
    /// viewer's page and <c>/kiosk/</c> the kiosk's.
    /// </summary>
    /// <remarks>
    /// Static-file middleware rather than endpoint-mapped static assets because the page must answer at
    /// <c>/</c>, which default-file rewriting provides and endpoint routing cannot (the route is chosen
    /// before any rewrite). The files come from the web root: the library's assets are copied into the
    /// published wwwroot, and in Development (and under the test host) the static web assets manifest
    /// points at the library's own folder. Everything is revalidated on each load (no-cache with ETags),
    /// so phones pick up a new viewer straight after an update of the box.
    /// </remarks>
    public static WebApplication UseCaptionsWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                headers.CacheControl = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                if (file.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers["Referrer-Policy"] = "no-referrer";
                }
            },
        });
        return app;
    }
}
