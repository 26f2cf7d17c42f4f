using System.Net;
using System.Text.Json;
using LiveStt.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LiveStt.EndToEnd.Tests;

/// <summary>
/// A crash does not end the reader's session: kill -9 of the container while captions are live, a restart within
/// the resume window, and the same session goes on, for the phone and in the transcript.
/// </summary>
public sealed class TranscriptDurabilityTests
{
    [Fact]
    public async Task After_kill_9_and_a_restart_the_session_goes_on_and_the_viewer_has_every_line_once_exactly_as_the_transcript()
    {
        // Its own container: killing the suite's shared one would take it from the other tests.
        var appliance = new ApplianceContainer { LogName = "appliance-killed", KioskPin = "270451" };
        try
        {
            await appliance.InitializeAsync();

            // The phone's own page too, in a real browser: its reconnect, and what it shows, are the reader's view.
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await DebianChromium.LaunchAsync(playwright);
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
            await page.GotoAsync(appliance.BaseAddress.ToString());
            await using var viewer = await ReconnectingViewer.ConnectAsync(appliance);
            var beforeKill = await viewer.WaitForCommittedAsync(3, TimeSpan.FromSeconds(120));
            var sessionId = beforeKill[0].SessionId;
            await appliance.KillAsync();

            var transcriptsDir = Path.Combine(appliance.DataDirectory, "transcripts");
            var transcript = Directory.GetFiles(transcriptsDir).ShouldHaveSingleItem();
            var killedText = await File.ReadAllTextAsync(transcript, TestContext.Current.CancellationToken);
            var seenBeforeKill = viewer.Committed.Count;

            await appliance.StartAgainAsync();
            var status = await appliance.GetStatusAsync();
            status.GetProperty("session").GetProperty("sessionId").GetString().ShouldBe(sessionId, "the same session goes on");
            await viewer.WaitForCommittedAsync(seenBeforeKill + 3, TimeSpan.FromSeconds(120));

            // Stop it, so the transcript is final and every line has reached the phone.
            using var kiosk = await KioskSession.UnlockAsync(appliance, "270451");
            using (var stopped = await kiosk.SendAsync(HttpMethod.Post, "/api/session/stop"))
            {
                stopped.StatusCode.ShouldBe(HttpStatusCode.OK, await stopped.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }

            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

            Directory.GetFiles(transcriptsDir).ShouldBe([transcript], "one session, one file");
            var after = await File.ReadAllTextAsync(transcript, TestContext.Current.CancellationToken);
            var records = after.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
            var lines = records.Where(r => r.GetProperty("type").GetString() == "line")
                .Select(r => new CaptionMessage(sessionId, r.GetProperty("seq").GetInt64(), "committed", r.GetProperty("text").GetString()!, r.GetProperty("startMs").GetInt64(), r.GetProperty("endMs").GetInt64()))
                .ToList();
            var whole = killedText[..(killedText.LastIndexOf('\n') + 1)];
            after.ShouldStartWith(whole, Case.Sensitive, "what was on disk at the kill stays, bar a record cut short");
            records.Count(r => r.GetProperty("type").GetString() == "restarted").ShouldBe(1);
            records[^1].GetProperty("type").GetString().ShouldBe("ended");
            records[^1].GetProperty("reason").GetString().ShouldBe("stopped");
            lines.Count.ShouldBeGreaterThan(seenBeforeKill);

            var shown = (await page.EvaluateAsync<JsonElement>(
                "() => [...document.querySelectorAll('#lines .line')].map(l => ({ session: l.closest('.session').dataset.session, seq: Number(l.dataset.seq), text: l.textContent }))"))
                .Deserialize<ShownLine[]>(JsonSerializerOptions.Web)!;
            await page.ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, "viewer-after-restart.png"), FullPage = true });
            shown.Select(l => (l.Session, l.Seq, l.Text)).ShouldBe(
                lines.Select(c => (c.SessionId, c.Seq, c.Text)),
                "the page shows every committed line once, in order, exactly as the transcript holds it");
            (await page.Locator("#lines .session").CountAsync()).ShouldBe(1, "one session on the page, not a second after the restart");

            var seen = viewer.Committed;
            viewer.Connections.ShouldBeGreaterThanOrEqualTo(2);
            seen.Select(c => (c.SessionId, c.Seq, c.Text)).ShouldBe(
                lines.Select(c => (c.SessionId, c.Seq, c.Text)),
                "the viewer has every committed line once, in order, exactly as the transcript holds it");

            // The kiosk lists one session, with every line, the live one no longer.
            var listed = (await kiosk.GetJsonAsync("/api/transcripts")).EnumerateArray().ShouldHaveSingleItem();
            listed.GetProperty("id").GetString().ShouldBe(sessionId);
            listed.GetProperty("lines").GetInt32().ShouldBe(lines.Count);
            listed.GetProperty("endReason").GetString().ShouldBe("stopped");
            var exported = await kiosk.GetJsonAsync($"/api/transcripts/{sessionId}?format=json");
            exported.GetProperty("lines").EnumerateArray().Select(line => line.GetProperty("text").GetString()).ShouldBe(lines.Select(line => (string?)line.Text));
        }
        finally
        {
            await appliance.DisposeAsync();
        }
    }

    /// <summary>A line as the viewer page shows it.</summary>
    private sealed record ShownLine(string Session, long Seq, string Text);
}
