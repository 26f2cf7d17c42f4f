using System.Text.Json;
using Microsoft.Playwright;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>The overlay open in its own headless Chromium, as a 1280 × 720 browser source.</summary>
internal sealed class OverlayPage(IPlaywright playwright, IBrowser browser, IPage page) : IAsyncDisposable
{
    private const string ShownLines =
        "() => [...document.querySelectorAll('#box p.line')].map(p => ({ session: p.dataset.session, seq: Number(p.dataset.seq), text: p.textContent }))";

    private static readonly TimeSpan CaptionTimeout = TimeSpan.FromSeconds(120);

    public IPage Page => page;

    public static async Task<OverlayPage> OpenAsync(ApplianceContainer appliance, string query)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await DebianChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        var overlay = new OverlayPage(playwright, browser, page);
        try
        {
            await page.GotoAsync(new Uri(appliance.BaseAddress, "/overlay" + query).ToString());
            new Uri(page.Url).AbsolutePath.ShouldBe("/overlay/");
            await page.WaitForSelectorAsync("#box p.line", new() { Timeout = (float)CaptionTimeout.TotalMilliseconds });
            return overlay;
        }
        catch
        {
            await overlay.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<OverlayLine>> LinesAsync() =>
        (await page.EvaluateAsync<JsonElement>(ShownLines)).EnumerateArray()
            .Select(l => new OverlayLine(l.GetProperty("session").GetString()!, l.GetProperty("seq").GetInt64(), l.GetProperty("text").GetString()!))
            .ToList();

    public async Task WaitForSeqAsync(long seq) =>
        await page.WaitForFunctionAsync(
            "seq => [...document.querySelectorAll('#box p.line')].some(p => Number(p.dataset.seq) >= seq)",
            seq,
            new() { Timeout = (float)CaptionTimeout.TotalMilliseconds });

    public async Task WaitForLineCountAsync(int count) =>
        await page.WaitForFunctionAsync(
            "count => document.querySelectorAll('#box p.line').length === count",
            count,
            new() { Timeout = (float)CaptionTimeout.TotalMilliseconds });

    public async Task<OverlayLook> LookAsync()
    {
        var look = await page.EvaluateAsync<JsonElement>(
            """
            () => {
              const box = getComputedStyle(document.getElementById('box'));
              const overlay = getComputedStyle(document.getElementById('overlay'));
              return {
                size: overlay.fontSize, color: box.color, box: box.backgroundColor, justify: overlay.justifyContent,
                font: overlay.fontFamily.split(',')[0].trim(), lines: document.querySelectorAll('#box p.line').length,
                scripts: document.querySelectorAll('script').length,
              };
            }
            """);
        return new OverlayLook(
            look.GetProperty("size").GetString()!, look.GetProperty("color").GetString()!, look.GetProperty("box").GetString()!,
            look.GetProperty("justify").GetString()!, look.GetProperty("font").GetString()!, look.GetProperty("lines").GetInt32(),
            look.GetProperty("scripts").GetInt32());
    }

    /// <summary>
    /// A screenshot with the page's own (transparent) background, and where the text (or the whole box) was in it,
    /// taken again if a new line came in between.
    /// </summary>
    public async Task<(byte[] Png, IReadOnlyList<ScreenRect> Rects)> StillShotAsync(string selector, bool textOnly, double margin)
    {
        for (var attempt = 0; ; attempt++)
        {
            var before = await LinesAsync();
            var png = await page.ScreenshotAsync(new() { OmitBackground = true });
            var rects = (await page.EvaluateAsync<JsonElement>(
                """
                ([selector, textOnly]) => {
                  const el = document.querySelector(selector);
                  let rects;
                  if (textOnly) {
                    const range = document.createRange();
                    range.selectNodeContents(el);
                    rects = [...range.getClientRects()];
                  } else {
                    rects = [el.getBoundingClientRect()];
                  }
                  return rects.map(r => [r.left, r.top, r.right, r.bottom]);
                }
                """,
                new object[] { selector, textOnly })).EnumerateArray()
                .Select(r => new ScreenRect(r[0].GetDouble(), r[1].GetDouble(), r[2].GetDouble(), r[3].GetDouble()).Inflate(margin))
                .ToList();
            if ((await LinesAsync()).SequenceEqual(before) || attempt == 5)
            {
                before.ShouldNotBeEmpty();
                return (png, rects);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
