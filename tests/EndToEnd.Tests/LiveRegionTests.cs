using System.Globalization;
using System.Text.Json;
using LiveStt.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LiveStt.EndToEnd.Tests;

/// <summary>
/// What a screen reader is given to announce on the viewer, in Debian's Chromium against the real image: every change
/// inside a live region is recorded from before the page's own scripts run.
/// </summary>
public sealed class LiveRegionTests(ApplianceContainer appliance)
{
    private const string RecordLiveRegionChanges =
        """
        window.__liveChanges = [];
        window.__tentativeChanges = 0;
        const live = '[aria-live]:not([aria-live="off"]), [role="log"], [role="status"], [role="alert"]';
        new MutationObserver(records => {
          for (const record of records) {
            const el = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
            if (el?.closest('#tentative')) {
              window.__tentativeChanges++;
            }
            const region = el?.closest(live);
            if (!region || region.closest('[aria-hidden="true"]')) {
              continue;
            }
            const added = record.type === 'characterData'
              ? [{ text: record.target.data }]
              : [...record.addedNodes].map(n => ({ text: n.textContent, seq: n.dataset?.seq ?? null }));
            for (const change of added.filter(a => a.text.length > 0)) {
              window.__liveChanges.push({ region: region.id, text: change.text, seq: change.seq });
            }
          }
        }).observe(document, { subtree: true, childList: true, characterData: true });
        """;

    [Fact]
    public async Task Committed_lines_are_announced_once_each_as_they_come_and_tentative_text_never()
    {
        var ticket = await CaptionViewer.GetTicketAsync(appliance);
        await using var probe = CaptionViewer.Create(appliance, ticket);
        await probe.StartAsync(TestContext.Current.CancellationToken);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        await context.AddInitScriptAsync(RecordLiveRegionChanges);
        var page = await context.NewPageAsync();
        await page.GotoAsync(appliance.BaseAddress.ToString());

        var start = probe.Received.Count(c => c.Kind == "committed");
        await probe.WaitForCommittedAsync(start + 4, TimeSpan.FromSeconds(120));
        await page.WaitForFunctionAsync("() => window.__tentativeChanges > 0", null, new() { Timeout = 60_000 });
        var changes = (await page.EvaluateAsync<JsonElement>("() => window.__liveChanges")).EnumerateArray()
            .Select(c => (Region: c.GetProperty("region").GetString()!, Text: c.GetProperty("text").GetString()!, Seq: c.GetProperty("seq").GetString()))
            .ToList();

        // The tentative text is outside every live region, and hidden from screen readers.
        (await page.EvaluateAsync<bool>(
            "() => { const t = document.getElementById('tentative'); return t.getAttribute('aria-hidden') === 'true' && !t.parentElement.closest('[aria-live], [role=log], [role=status], [role=alert]'); }"))
            .ShouldBeTrue();
        changes.Select(c => c.Region).Distinct().Order().ShouldBeSubsetOf(["announcer", "demo-banner", "session-state", "status"]);
        changes.Where(c => c.Region == "demo-banner").Select(c => c.Text).ShouldAllBe(t => t == "demo model: not a speech model");
        changes.Where(c => c.Region == "status").Select(c => c.Text).ShouldAllBe(t => t == "Connecting…" || t == "Live");

        // What the announcer was given is the committed lines the hub sent while the page was open, each once, in order,
        // byte for byte (the last one may have reached the page before the probe).
        var announced = changes.Where(c => c.Region == "announcer").Select(c => (Seq: long.Parse(c.Seq!, CultureInfo.InvariantCulture), c.Text)).ToList();
        var committed = probe.Received.Where(c => c.Kind == "committed").ToDictionary(c => c.Seq, c => c.Text);
        var known = announced.Where(a => committed.ContainsKey(a.Seq)).ToList();
        known.Count.ShouldBeGreaterThanOrEqualTo(Math.Max(3, announced.Count - 1));
        known.ShouldBe(known.Select(a => (a.Seq, committed[a.Seq])).ToList());
        known.Select(a => a.Seq).ShouldBe(committed.Keys.Where(seq => seq >= known[0].Seq && seq <= known[^1].Seq).Order().ToList());
    }
}
