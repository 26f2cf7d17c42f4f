using System.Net;
using System.Text.RegularExpressions;

namespace LiveStt.Appliance.Tests.Captions;

public sealed partial class CaptionsWebTests : IAsyncLifetime
{
    private ApplianceTestHost _host = null!;

    public ValueTask InitializeAsync()
    {
        _host = ApplianceTestHost.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_viewer_page_is_served_at_the_site_root()
    {
        using var response = await _host.Http.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType.ShouldNotBeNull().MediaType.ShouldBe("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'self'");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        html.ShouldContain("id=\"transcript\"");
        html.ShouldContain("demo model: not a speech model");
    }

    [Fact]
    public async Task Everything_the_page_loads_comes_from_the_box_itself()
    {
        var html = await _host.Http.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var references = ReferencePattern().Matches(html).Select(m => m.Groups["url"].Value).Where(url => !url.StartsWith("data:", StringComparison.Ordinal)).ToList();

        references.ShouldContain("lib/signalr/signalr.min.js");
        references.ShouldContain("js/captions.js");
        references.ShouldContain("css/captions.css");
        foreach (var reference in references)
        {
            reference.ShouldNotContain("//", customMessage: $"{reference} would be fetched from elsewhere");
            using var asset = await _host.Http.GetAsync(new Uri("/" + reference, UriKind.Relative), TestContext.Current.CancellationToken);
            asset.StatusCode.ShouldBe(HttpStatusCode.OK, reference);
            var text = await asset.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            text.Length.ShouldBeGreaterThan(100, reference);
            if (!reference.StartsWith("lib/", StringComparison.Ordinal))
            {
                text.ShouldNotContain("http://", customMessage: reference);
                text.ShouldNotContain("https://", customMessage: reference);
            }
        }
    }

    [Fact]
    public async Task The_signalr_browser_client_is_the_one_from_npm()
    {
        var script = await _host.Http.GetStringAsync(new Uri("/lib/signalr/signalr.min.js", UriKind.Relative), TestContext.Current.CancellationToken);

        script.ShouldContain("HubConnectionBuilder");
    }

    [GeneratedRegex("(?:src|href)=\"(?<url>[^\"]+)\"")]
    private static partial Regex ReferencePattern();
}
