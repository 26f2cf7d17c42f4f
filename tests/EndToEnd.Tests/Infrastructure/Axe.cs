using System.Text.Json;
using Microsoft.Playwright;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>
/// axe-core (the npm package the viewer's build installs as a development dependency) run inside a page as it is
/// served, with its own content security policy still on: the script is evaluated through the browser's debugging
/// protocol, which the policy does not govern, rather than added as an inline script, which it would refuse.
/// </summary>
internal static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "src", "Captions.Web", "node_modules", "axe-core", "axe.min.js");
        File.Exists(path).ShouldBeTrue($"axe-core is needed at {path}: build src/Captions.Web (its build runs npm ci)");
        return File.ReadAllText(path);
    });

    /// <summary>
    /// The serious and critical violations on the page as it is now, one line each (rule id, impact, the elements'
    /// selectors and what axe says is wrong), or an empty list. AAA contrast (7:1) is checked too when asked.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page, bool enhancedContrast = false)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async enhanced => {
              const results = await axe.run(document, {
                resultTypes: ["violations"],
                rules: enhanced ? { "color-contrast-enhanced": { enabled: true } } : {},
              });
              return results.violations.map(v => ({
                id: v.id,
                impact: v.impact,
                nodes: v.nodes.map(n => ({ target: n.target.join(" "), summary: n.failureSummary })),
              }));
            }
            """,
            enhancedContrast);

        return violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .SelectMany(v => v.GetProperty("nodes").EnumerateArray().Select(n =>
                $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}) at {n.GetProperty("target").GetString()}: " +
                n.GetProperty("summary").GetString()?.ReplaceLineEndings(" ")))
            .ToList();
    }

    /// <summary>Fails, naming each violation, when axe finds any serious or critical one.</summary>
    public static async Task ShouldHaveNoSeriousViolationsAsync(IPage page, string where, bool enhancedContrast = false)
    {
        var violations = await SeriousViolationsAsync(page, enhancedContrast);
        violations.ShouldBeEmpty($"axe-core found serious or critical violations on {where}:\n{string.Join("\n", violations)}");
    }
}
