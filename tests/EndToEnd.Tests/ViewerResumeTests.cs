using System.Net;
using System.Text.Json;
using LiveStt.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LiveStt.EndToEnd.Tests;

/// <summary>
/// A phone away for longer than the box's in-memory backlog reaches gets every line it missed from the session's
/// transcript: across a restart of the box within one session, and in a real browser whose network was cut for two
/// minutes. The backlog is cut to 2 lines here, so a few missed lines already need the transcript.
/// </summary>
public sealed class ViewerResumeTests
{
    private const string Pin = "558120";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Guards__RepetitionEnabled"] = "false",
        ["Guards__CompressionEnabled"] = "false",
        ["Guards__NoSpeechEnabled"] = "false",
        ["Captions__BacklogLines"] = "2",
    };

    [Fact]
    public async Task After_a_restart_within_the_session_a_viewer_gets_every_line_after_its_cursor_once_in_order_as_the_transcript_holds_them()
    {
        // Its own container: killing the suite's shared one would take it from the other tests.
        var appliance = new ApplianceContainer { LogName = "appliance-resume-restart", KioskPin = Pin, Settings = Settings };
        try
        {
            await appliance.InitializeAsync();
            CaptionMessage cursor;
            await using (var before = CaptionViewer.Create(appliance, await CaptionViewer.GetTicketAsync(appliance)))
            {
                await before.StartAsync(TestContext.Current.CancellationToken);
                cursor = (await before.WaitForCommittedAsync(3, TimeSpan.FromSeconds(120)))[^1];
            }

            await appliance.KillAsync();
            await appliance.StartAgainAsync();
            (await appliance.GetStatusAsync()).GetProperty("session").GetProperty("sessionId").GetString().ShouldBe(cursor.SessionId, "the same session goes on");
            var transcript = Directory.GetFiles(Path.Combine(appliance.DataDirectory, "transcripts")).ShouldHaveSingleItem();
            await WaitForLinesAfterAsync(transcript, cursor.Seq, 5, TimeSpan.FromSeconds(180));

            await using var back = await ResumingViewer.ConnectAsync(appliance, cursor.SessionId, cursor.Seq, TestContext.Current.CancellationToken);
            var backlog = await back.WaitForBacklogAsync(TimeSpan.FromSeconds(30));
            await back.WaitForCommittedAsync(backlog + 2, TimeSpan.FromSeconds(120));
            await StopAsync(appliance);

            var expected = (await TranscriptFile.ReadCommittedAsync(transcript, TestContext.Current.CancellationToken)).Where(line => line.Seq > cursor.Seq).ToList();
            TestContext.Current.TestOutputHelper?.WriteLine($"cursor seq {cursor.Seq}; backlog on resuming {back.BacklogLines} lines; {back.Committed.Count} lines in all; transcript has {expected.Count} after the cursor");
            back.BacklogLines.ShouldBeGreaterThanOrEqualTo(5, "more than the backlog of 2 came from the transcript");
            back.Committed.Count.ShouldBeGreaterThanOrEqualTo(back.BacklogLines + 2, "live lines followed");
            back.Committed.Select(c => c.SessionId).Distinct().ShouldBe([cursor.SessionId]);
            back.Committed.Select(c => (c.Seq, c.Text)).ShouldBe(expected, "every line after its cursor, once, in order, exactly as the transcript holds it");
        }
        finally
        {
            await appliance.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_page_whose_network_was_cut_for_two_minutes_shows_every_committed_line_as_the_transcript_holds_them()
    {
        var appliance = new ApplianceContainer { LogName = "appliance-resume-offline", KioskPin = Pin, Settings = Settings };
        try
        {
            await appliance.InitializeAsync();
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await DebianChromium.LaunchAsync(playwright);
            await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
            var page = await context.NewPageAsync();
            await page.GotoAsync(appliance.BaseAddress.ToString());
            await page.WaitForFunctionAsync("() => document.querySelectorAll('#lines p.line').length >= 2", null, new() { Timeout = 120_000, PollingInterval = 250 });
            var transcript = Directory.GetFiles(Path.Combine(appliance.DataDirectory, "transcripts")).ShouldHaveSingleItem();
            var shownBefore = await ShownAsync(page);

            await context.SetOfflineAsync(true);
            var offlineSince = DateTime.UtcNow;
            // The page must notice it is cut off (else this would prove nothing): its status leaves "live".
            await page.WaitForFunctionAsync("() => document.getElementById('status').dataset.state !== 'live'", null, new() { Timeout = 90_000, PollingInterval = 250 });
            var shownWhileCut = await ShownAsync(page);
            var remaining = TimeSpan.FromMinutes(2) - (DateTime.UtcNow - offlineSince);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, TestContext.Current.CancellationToken);
            }

            var committedWhileCut = (await TranscriptFile.ReadCommittedAsync(transcript, TestContext.Current.CancellationToken)).Count(line => line.Seq > shownWhileCut[^1].Seq);
            committedWhileCut.ShouldBeGreaterThan(2, "more lines were committed while the page was cut off than the backlog holds");
            (await ShownAsync(page)).ShouldBe(shownWhileCut, "nothing reached the page while it was offline");
            await context.SetOfflineAsync(false);

            await page.WaitForFunctionAsync("() => document.getElementById('status').dataset.state === 'live'", null, new() { Timeout = 60_000, PollingInterval = 250 });
            await page.WaitForFunctionAsync(
                "n => document.querySelectorAll('#lines p.line').length >= n", shownWhileCut.Count + committedWhileCut + 1, new() { Timeout = 120_000, PollingInterval = 250 });
            await StopAsync(appliance);

            // From the first line the page showed: it opened on a session already under way, with a backlog of 2.
            var expected = (await TranscriptFile.ReadCommittedAsync(transcript, TestContext.Current.CancellationToken))
                .Where(line => line.Seq >= shownBefore[0].Seq).ToList();
            try
            {
                await page.WaitForFunctionAsync("n => document.querySelectorAll('#lines p.line').length >= n", expected.Count, new() { Timeout = 30_000, PollingInterval = 250 });
            }
            catch (TimeoutException)
            {
                // The comparison below says what is missing.
            }

            var shown = await ShownAsync(page);
            TestContext.Current.TestOutputHelper?.WriteLine($"shown before the cut {shownBefore.Count}; committed while cut {committedWhileCut}; shown at the end {shown.Count}; transcript from the first shown {expected.Count}");
            await page.ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, "viewer-after-offline.png"), FullPage = true });
            shownBefore.ShouldBe(expected[..shownBefore.Count]);
            shown.ShouldBe(expected, "every committed line once, in order, exactly as the transcript holds it");
        }
        finally
        {
            await appliance.DisposeAsync();
        }
    }

    /// <summary>The committed lines the page shows, in order: seq and text.</summary>
    private static async Task<List<(long Seq, string Text)>> ShownAsync(IPage page) =>
        [.. (await page.EvaluateAsync<JsonElement>("() => [...document.querySelectorAll('#lines p.line')].map(l => ({ seq: Number(l.dataset.seq), text: l.textContent }))"))
            .EnumerateArray().Select(line => (line.GetProperty("seq").GetInt64(), line.GetProperty("text").GetString()!))];

    /// <summary>Stops the session through the kiosk, so the transcript is final and every line has gone out to the phones.</summary>
    private static async Task StopAsync(ApplianceContainer appliance)
    {
        using var kiosk = await KioskSession.UnlockAsync(appliance, Pin);
        using var stopped = await kiosk.SendAsync(HttpMethod.Post, "/api/session/stop");
        stopped.StatusCode.ShouldBe(HttpStatusCode.OK, await stopped.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
    }

    private static async Task WaitForLinesAfterAsync(string transcript, long seq, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((await TranscriptFile.ReadCommittedAsync(transcript, TestContext.Current.CancellationToken)).Count(line => line.Seq > seq) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{count} lines after seq {seq} were not in the transcript within {timeout}");
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }
}
