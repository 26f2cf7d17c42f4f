using System.Globalization;
using System.Text.Json;
using LiveStt.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LiveStt.EndToEnd.Tests;

/// <summary>
/// The viewer's colour pairs, read from the page as the real image serves it in each theme, against WCAG's contrast
/// ratios (AA 4.5:1 for text, AAA 7:1 in the high-contrast theme, 3:1 for the focus ring), and against the README's table.
/// </summary>
public sealed class ContrastTests(ApplianceContainer appliance)
{
    private static readonly (string Theme, string Column, double Minimum)[] Themes =
        [("dark", "Dark", 4.5), ("light", "Light", 4.5), ("contrast", "High contrast", 7)];

    // What: [selector, data-state to show or null, which colour is the foreground]; the background is the first
    // painted one at or above the element.
    private const string ReadPairs =
        """
        async () => {
          const hex = c => {
            const [r, g, b, a] = c.match(/[\d.]+/g).map(Number);
            return a === 0 ? null : '#' + [r, g, b].map(v => v.toString(16).padStart(2, '0')).join('');
          };
          const background = el => {
            for (; el; el = el.parentElement) {
              const painted = hex(getComputedStyle(el).backgroundColor);
              if (painted) return painted;
            }
            return '#ffffff';
          };
          const pair = (selector, state, fg = 'color') => {
            const el = document.querySelector(selector);
            const before = el.dataset.state;
            if (state) el.dataset.state = state;
            const result = [hex(getComputedStyle(el)[fg]), background(el)];
            if (state) el.dataset.state = before;
            return result;
          };
          const rows = {
            'Caption text': pair('#lines p.line'),
            'Tentative text': pair('#tentative'),
            'Top bar': pair('.bar'),
            'Buttons': pair('#settings-open'),
            'Load earlier lines': pair('#earlier'),
            'Jump to live': pair('#jump'),
            'Settings panel': pair('#settings'),
            'Done': pair('#settings-close'),
            'Session state': pair('#session-state', 'waiting'),
            'Paused': pair('#session-state', 'paused'),
            'Not available': pair('#session-state', 'unavailable'),
            'Demo-model banner': pair('#demo-banner'),
          };
          document.getElementById('smaller').focus({ focusVisible: true });
          rows['Focus ring (3:1)'] = pair('#smaller', null, 'outlineColor');
          rows['Focus ring (3:1)'][1] = background(document.querySelector('.bar'));
          return Object.entries(rows).map(([what, [fg, bg]]) => [what, fg, bg]);
        }
        """;

    [Fact]
    public async Task Every_colour_pair_in_every_theme_passes_and_is_what_the_readme_says()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var table = new Dictionary<string, List<string>>();
        var failures = new List<string>();
        foreach (var (theme, column, minimum) in Themes)
        {
            var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
            await context.AddInitScriptAsync($"localStorage.setItem('livestt.captions.settings', JSON.stringify({{ theme: '{theme}' }}));");
            var page = await context.NewPageAsync();
            await page.GotoAsync(appliance.BaseAddress.ToString());
            await page.Locator("#lines p.line").First.WaitForAsync(new() { Timeout = 120_000 });
            await page.WaitForFunctionAsync("() => document.getElementById('earlier') !== null");
            (await page.EvaluateAsync<string>("() => document.documentElement.dataset.theme")).ShouldBe(theme);

            var pairs = await page.EvaluateAsync<JsonElement>(ReadPairs);
            foreach (var pair in pairs.EnumerateArray())
            {
                var (what, foreground, background) = (pair[0].GetString()!, pair[1].GetString()!, pair[2].GetString()!);
                var ratio = Ratio(foreground, background);
                var least = what.StartsWith("Focus ring", StringComparison.Ordinal) ? 3 : minimum;
                if (ratio < least)
                {
                    failures.Add($"{column}, {what}: {foreground} on {background} is {ratio:0.00}:1, under {least}:1");
                }

                if (!table.TryGetValue(what, out var cells))
                {
                    table[what] = cells = [];
                }

                cells.Add($"`{foreground}` on `{background}`, {ratio.ToString("0.00", CultureInfo.InvariantCulture)}:1");
            }

            await context.DisposeAsync();
        }

        var expected = new List<string> { "| What | Dark | Light | High contrast |", "|---|---|---|---|" };
        expected.AddRange(table.Select(row => $"| {row.Key} | {string.Join(" | ", row.Value)} |"));
        failures.ShouldBeEmpty();
        ReadmeTable().ShouldBe(expected, $"README.md's contrast table should read:\n{string.Join("\n", expected)}");
    }

    /// <summary>WCAG 2's contrast ratio of two sRGB colours.</summary>
    private static double Ratio(string a, string b)
    {
        static double Luminance(string hex)
        {
            var channels = new[] { 1, 3, 5 }.Select(i => int.Parse(hex.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0)
                .Select(c => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4))
                .ToArray();
            return (0.2126 * channels[0]) + (0.7152 * channels[1]) + (0.0722 * channels[2]);
        }

        var (x, y) = (Luminance(a), Luminance(b));
        return (Math.Max(x, y) + 0.05) / (Math.Min(x, y) + 0.05);
    }

    /// <summary>The table under the README's "Contrast" heading.</summary>
    private static List<string> ReadmeTable()
    {
        var readme = File.ReadAllLines(Path.Combine(TestEnvironment.RepositoryRoot, "README.md"));
        var heading = Array.FindIndex(readme, l => l.StartsWith('#') && l.TrimStart('#').Trim() == "Contrast");
        heading.ShouldBeGreaterThanOrEqualTo(0, "README.md has no \"Contrast\" heading");
        return readme.Skip(heading + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToList();
    }
}
