using LiveStt.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LiveStt.EndToEnd.Tests;

/// <summary>The phone viewer page in a real headless Chromium, against the real image.</summary>
public sealed class ViewerPageTests(ApplianceContainer appliance)
{
    [Fact]
    public async Task The_viewer_page_shows_captions_as_they_are_committed_and_says_the_model_is_a_demo()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        await page.GotoAsync(appliance.BaseAddress.ToString());

        // A second viewer tells us what the hub committed; the page must come to show that text.
        var ticket = await CaptionViewer.GetTicketAsync(appliance);
        await using var probe = CaptionViewer.Create(appliance, ticket);
        await probe.StartAsync(TestContext.Current.CancellationToken);
        var committed = await probe.WaitForCommittedAsync(2, TimeSpan.FromSeconds(120));
        var expected = committed[^1].Text.Trim();

        try
        {
            await page.WaitForFunctionAsync(
                "text => document.body.innerText.replace(/\\s+/g, ' ').includes(text.replace(/\\s+/g, ' '))",
                expected,
                new() { Timeout = 30_000 });
            (await page.GetByText("demo model: not a speech model").IsVisibleAsync()).ShouldBeTrue();
        }
        finally
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, "viewer.png"), FullPage = true });
        }
    }
}
