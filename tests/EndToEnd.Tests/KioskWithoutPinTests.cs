using LiveStt.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveStt.EndToEnd.Tests;

/// <summary>The kiosk of a box on which nobody set a PIN (the suite's shared appliance), in Debian's Chromium.</summary>
public sealed class KioskWithoutPinTests(ApplianceContainer appliance)
{
    [Fact]
    public async Task Without_a_pin_the_kiosk_page_opens_for_nobody_and_says_how_to_set_one()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });

        await page.GotoAsync(appliance.BaseAddress + "kiosk/");

        await Expect(page.Locator("#no-pin h2")).ToHaveTextAsync("This kiosk has no PIN yet");
        await Expect(page.Locator("#no-pin-text")).ToHaveTextAsync(
            "No kiosk PIN is set on this box, so the kiosk stays locked. Whoever installed the box sets one: scripts/run.sh " +
            "makes one on its first run (in .secrets/kiosk-pin beside the checkout, readable by root); otherwise set " +
            "Kiosk__PinFile to a file holding 4 to 12 digits (or Kiosk__Pin to the digits) and restart the appliance.");
        await Expect(page.Locator("#unlock-form")).ToBeHiddenAsync();
        await Expect(page.Locator("#kiosk")).ToBeHiddenAsync();
    }
}
