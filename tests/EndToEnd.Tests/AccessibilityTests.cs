using LiveStt.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveStt.EndToEnd.Tests;

/// <summary>
/// axe-core's checks (WCAG A and AA, AAA contrast for the high-contrast theme) on every page the box serves, as the
/// box serves them, in Debian's Chromium: no violation of impact serious or critical.
/// </summary>
public sealed class AccessibilityTests(ApplianceContainer appliance)
{
    private const string KioskPin = "270461";
    private static readonly TimeSpan CaptionTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_viewer_in_each_theme_with_its_settings_open_and_in_the_last_lines_view_has_no_serious_violations()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await page.GotoAsync(appliance.BaseAddress.ToString());
        await page.Locator("#lines p.line").First.WaitForAsync(new() { Timeout = (float)CaptionTimeout.TotalMilliseconds });

        foreach (var (theme, label) in new[] { ("dark", "Dark"), ("light", "Light"), ("contrast", "High contrast (yellow on black)") })
        {
            await page.Locator("#settings-open").ClickAsync();
            await page.GetByLabel(label, new() { Exact = true }).CheckAsync();
            await Axe.ShouldHaveNoSeriousViolationsAsync(page, $"/ ({theme}, settings open)", enhancedContrast: theme == "contrast");
            await page.Keyboard.PressAsync("Escape");
            await Expect(page.Locator("#settings")).Not.ToHaveAttributeAsync("open", "");
            (await page.EvaluateAsync<string>("() => document.documentElement.dataset.theme")).ShouldBe(theme);
            await Axe.ShouldHaveNoSeriousViolationsAsync(page, $"/ ({theme})", enhancedContrast: theme == "contrast");
            await page.ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, $"viewer-{theme}.png") });
        }

        await page.Locator("#settings-open").ClickAsync();
        await page.GetByLabel("The last lines only, without scrolling").CheckAsync();
        await page.Keyboard.PressAsync("Escape");
        foreach (var (theme, label) in new[] { ("contrast", "High contrast (yellow on black)"), ("dark", "Dark") })
        {
            await page.Locator("#settings-open").ClickAsync();
            await page.GetByLabel(label, new() { Exact = true }).CheckAsync();
            await page.Keyboard.PressAsync("Escape");
            await Axe.ShouldHaveNoSeriousViolationsAsync(page, $"/ (last lines only, {theme})", enhancedContrast: theme == "contrast");
            await page.ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, $"viewer-last-lines-{theme}.png") });
        }
    }

    [Fact]
    public async Task The_overlay_has_no_serious_violations()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        await page.GotoAsync(new Uri(appliance.BaseAddress, "/overlay").ToString());
        await page.Locator("#box p.line").First.WaitForAsync(new() { Timeout = (float)CaptionTimeout.TotalMilliseconds });
        await Axe.ShouldHaveNoSeriousViolationsAsync(page, "/overlay");
    }

    [Fact]
    public async Task The_kiosk_locked_and_unlocked_on_each_tab_has_no_serious_violations()
    {
        var kioskBox = new ApplianceContainer { LogName = "appliance-accessibility-kiosk", KioskPin = KioskPin };
        using var playwright = await Playwright.CreateAsync();
        try
        {
            await kioskBox.InitializeAsync();
            await using var browser = await DebianChromium.LaunchAsync(playwright);
            var kiosk = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1024, Height = 768 }, HasTouch = true });
            await kiosk.GotoAsync(kioskBox.BaseAddress + "kiosk");
            await Expect(kiosk.Locator("#pin")).ToBeVisibleAsync();
            await Axe.ShouldHaveNoSeriousViolationsAsync(kiosk, "/kiosk/ (PIN)");

            await kiosk.Locator("#pin").FillAsync(KioskPin);
            await kiosk.Locator("#unlock").ClickAsync();
            await Expect(kiosk.Locator("#state")).ToHaveTextAsync("Live", new() { Timeout = 30_000 });
            await kiosk.Locator("#recent-lines li").First.WaitForAsync(new() { Timeout = (float)CaptionTimeout.TotalMilliseconds });
            await Axe.ShouldHaveNoSeriousViolationsAsync(kiosk, "/kiosk/ (unlocked, live)");
            foreach (var tab in new[] { "settings", "transcripts", "join" })
            {
                await kiosk.Locator($"#tab-{tab}").ClickAsync();
                await Expect(kiosk.Locator($"#panel-{tab}")).ToBeVisibleAsync();
                await Axe.ShouldHaveNoSeriousViolationsAsync(kiosk, $"/kiosk/ ({tab} tab)");
            }
            await kiosk.ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, "kiosk-accessibility.png"), FullPage = true });
        }
        finally
        {
            await kioskBox.DisposeAsync();
        }
    }
}
