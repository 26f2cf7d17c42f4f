using Microsoft.Playwright;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>Debian's own Chromium, headless, driven by Playwright: the browser the page tests open the box's pages in.</summary>
internal static class DebianChromium
{
    private const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        File.Exists(ExecutablePath).ShouldBeTrue($"Debian's chromium is needed at {ExecutablePath} (scripts/test.sh installs it)");
        return playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }
}
