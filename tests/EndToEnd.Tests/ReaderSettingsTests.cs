using System.Text.Json;
using LiveStt.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveStt.EndToEnd.Tests;

/// <summary>The viewer's reader settings, worked from the keyboard in Debian's Chromium against the real image.</summary>
public sealed class ReaderSettingsTests(ApplianceContainer appliance)
{
    private static readonly TimeSpan CaptionTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Settings_changed_from_the_keyboard_apply_at_once_and_are_kept_over_a_reload()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var page = await OpenViewerAsync(browser);

        // Every control on the page is reached with Tab, has its name and shows a focus ring.
        await TabToAsync(page, "smaller", "Smaller text");
        await TabToAsync(page, "larger", "Larger text");
        await TabToAsync(page, "settings-open", "Settings");

        // The panel opens from its button; the keys work its controls; Escape closes it and focus goes back.
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#settings")).ToHaveAttributeAsync("open", "");
        (await ActiveIdAsync(page)).ShouldBe("size");
        await Expect(page.Locator(":focus")).ToHaveAccessibleNameAsync("Text size");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator("#size-value")).ToHaveTextAsync("34 px");
        await TabToAsync(page, "", "Dark");
        await page.Keyboard.PressAsync("ArrowDown"); // dark -> light
        await TabToAsync(page, "", "The phone's own");
        await page.Keyboard.PressAsync("ArrowDown"); // -> Atkinson Hyperlegible
        await TabToAsync(page, "", "Normal");
        await page.Keyboard.PressAsync("ArrowDown"); // -> relaxed
        await page.Keyboard.PressAsync("ArrowDown"); // -> loose
        await TabToAsync(page, "", "The whole transcript, scrolling");
        await TabToAsync(page, "settings-close", "Done");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#settings")).Not.ToHaveAttributeAsync("open", "");
        (await ActiveIdAsync(page)).ShouldBe("settings-open");

        const string Stored = """{"size":34,"theme":"light","font":"atkinson","spacing":"loose","view":"transcript"}""";
        (await page.EvaluateAsync<string>("() => localStorage.getItem('livestt.captions.settings')")).ShouldBe(Stored);
        var expected = new Look("light", "34px", "68px", "\"Atkinson Hyperlegible\"", "rgb(17, 17, 17)", "rgb(255, 255, 255)");
        (await LookAsync(page)).ShouldBe(expected);
        (await page.EvaluateAsync<bool>("async () => { await document.fonts.ready; return [...document.fonts].some(f => f.family.includes('Atkinson') && f.weight === '400' && f.status === 'loaded'); }"))
            .ShouldBeTrue("the box serves Atkinson Hyperlegible and the page loads it");
        using (var client = appliance.CreateClient())
        {
            using var font = await client.GetAsync("/lib/atkinson-hyperlegible/atkinson-hyperlegible-latin-700-normal.woff2", TestContext.Current.CancellationToken);
            font.Content.Headers.ContentType?.MediaType.ShouldBe("font/woff2");
            var licence = await client.GetStringAsync("/lib/atkinson-hyperlegible/OFL.txt", TestContext.Current.CancellationToken);
            licence.ShouldContain("This Font Software is licensed under the SIL Open Font License, Version 1.1.");
        }

        await page.ReloadAsync();
        await page.Locator("#lines p.line").First.WaitForAsync(new() { Timeout = (float)CaptionTimeout.TotalMilliseconds });
        (await LookAsync(page)).ShouldBe(expected);
        await page.Locator("#settings-open").ClickAsync();
        (await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#settings input:checked')].map(i => i.value)"))
            .ShouldBe(["light", "atkinson", "loose", "transcript"]);
        (await page.Locator("#size").InputValueAsync()).ShouldBe("34");
    }

    [Fact]
    public async Task Without_storage_the_viewer_still_shows_captions_and_changes_its_settings_for_the_visit()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        // As in a browser that refuses storage to the page: touching localStorage throws.
        await context.AddInitScriptAsync("Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });");
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(appliance.BaseAddress.ToString());
        await page.Locator("#lines p.line").First.WaitForAsync(new() { Timeout = (float)CaptionTimeout.TotalMilliseconds });
        await Expect(page.Locator("#status")).ToHaveTextAsync("Live");

        await page.Locator("#larger").ClickAsync();
        await page.Locator("#settings-open").ClickAsync();
        await page.GetByLabel("High contrast (yellow on black)").CheckAsync();
        await page.Keyboard.PressAsync("Escape");
        (await LookAsync(page)).ShouldBe(new Look("contrast", "32px", "44.8px", "system-ui", "rgb(255, 255, 0)", "rgb(0, 0, 0)"));

        await page.ReloadAsync();
        await page.Locator("#lines p.line").First.WaitForAsync(new() { Timeout = (float)CaptionTimeout.TotalMilliseconds });
        (await LookAsync(page)).ShouldBe(new Look("dark", "28px", "39.2px", "system-ui", "rgb(255, 255, 255)", "rgb(0, 0, 0)"));
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_last_lines_view_shows_the_two_newest_lines_without_scrolling_and_jump_to_live_works_after_it()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var page = await OpenViewerAsync(browser);
        await page.Locator("#settings-open").ClickAsync();
        await page.Locator("#size").FocusAsync();
        await page.Keyboard.PressAsync("End");
        await Expect(page.Locator("#size-value")).ToHaveTextAsync("96 px");
        await page.GetByLabel("The last lines only, without scrolling").CheckAsync();
        await page.Keyboard.PressAsync("Escape");

        await page.WaitForFunctionAsync(
            "() => document.querySelectorAll('#lines > section.session:last-child p.line').length >= 4",
            null,
            new() { Timeout = (float)CaptionTimeout.TotalMilliseconds });
        var view = await page.EvaluateAsync<JsonElement>(
            """
            () => {
              const lines = [...document.querySelectorAll('#lines > section.session:last-child p.line')];
              return {
                visible: lines.filter(p => p.checkVisibility()).map(p => p.dataset.seq + ' ' + p.textContent),
                newest: lines.slice(-2).map(p => p.dataset.seq + ' ' + p.textContent),
                scrolls: document.documentElement.scrollHeight > window.innerHeight,
                jump: document.getElementById('jump').checkVisibility(),
              };
            }
            """);
        view.GetProperty("visible").ToString().ShouldBe(view.GetProperty("newest").ToString());
        view.GetProperty("visible").GetArrayLength().ShouldBe(2);
        view.GetProperty("scrolls").GetBoolean().ShouldBeFalse("the last-lines view never scrolls");
        view.GetProperty("jump").GetBoolean().ShouldBeFalse();

        // Back to the whole transcript, at 96 px it is longer than the screen: scrolled back, the reader can jump to live.
        await page.Locator("#settings-open").ClickAsync();
        await page.GetByLabel("The whole transcript, scrolling").CheckAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.WaitForFunctionAsync("() => document.documentElement.scrollHeight > window.innerHeight * 2", null, new() { Timeout = (float)CaptionTimeout.TotalMilliseconds });
        await page.WaitForFunctionAsync("() => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 48");
        await page.EvaluateAsync("() => window.scrollTo({ top: 0, behavior: 'instant' })");
        await Expect(page.Locator("#jump")).ToBeVisibleAsync();
        await page.Locator("#jump").ClickAsync();
        await Expect(page.Locator("#jump")).ToBeHiddenAsync();
        var lines = await page.Locator("#lines p.line").CountAsync();
        await page.WaitForFunctionAsync("n => document.querySelectorAll('#lines p.line').length > n", lines, new() { Timeout = (float)CaptionTimeout.TotalMilliseconds });
        await page.WaitForFunctionAsync("() => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 48");
        await Expect(page.Locator("#jump")).ToBeHiddenAsync();
    }

    private async Task<IPage> OpenViewerAsync(IBrowser browser)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        await page.GotoAsync(appliance.BaseAddress.ToString());
        await page.Locator("#lines p.line").First.WaitForAsync(new() { Timeout = (float)CaptionTimeout.TotalMilliseconds });
        return page;
    }

    private static Task<string> ActiveIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");

    /// <summary>Presses Tab; the focus must then be on the control with that id (none for a radio) and name, with its ring showing.</summary>
    private static async Task TabToAsync(IPage page, string id, string name)
    {
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(":focus")).ToHaveAccessibleNameAsync(name);
        (await ActiveIdAsync(page)).ShouldBe(id);
        (await page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }"))
            .ShouldBe("solid 3px", $"{name} must show a focus ring");
    }

    private static async Task<Look> LookAsync(IPage page)
    {
        var look = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              await document.fonts.ready;
              const line = getComputedStyle(document.querySelector('#lines p.line'));
              return {
                theme: document.documentElement.dataset.theme, size: line.fontSize, leading: line.lineHeight,
                font: line.fontFamily.split(',')[0].trim(), color: line.color,
                background: getComputedStyle(document.documentElement).backgroundColor,
              };
            }
            """);
        return new Look(
            look.GetProperty("theme").GetString()!, look.GetProperty("size").GetString()!, look.GetProperty("leading").GetString()!,
            look.GetProperty("font").GetString()!, look.GetProperty("color").GetString()!, look.GetProperty("background").GetString()!);
    }

    private sealed record Look(string Theme, string Size, string Leading, string Font, string Color, string Background);
}
