using System.Net;
using System.Text.Json;
using LiveStt.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LiveStt.EndToEnd.Tests;

/// <summary>
/// The viewer page's "Load earlier lines" in a real browser against the real image: a phone that opens the page on
/// a session already under way sees only the backlog (cut to 2 lines here), and the button brings back the rest of
/// the session from the transcript, in order, without moving what the reader was looking at.
/// </summary>
public sealed class EarlierLinesTests
{
    private const string Pin = "604417";

    /// <summary>The session has clearly more lines than the backlog before the page opens.</summary>
    private const int LinesBeforeOpening = 8;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Guards__RepetitionEnabled"] = "false",
        ["Guards__CompressionEnabled"] = "false",
        ["Guards__NoSpeechEnabled"] = "false",
        ["Captions__BacklogLines"] = "2",
    };

    [Fact]
    public async Task Load_earlier_lines_shows_the_whole_session_as_the_transcript_holds_it_and_keeps_the_reader_where_they_were()
    {
        var appliance = new ApplianceContainer { LogName = "appliance-earlier-lines", KioskPin = Pin, Settings = Settings };
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        IPage? page = null;
        try
        {
            await appliance.InitializeAsync();
            var transcript = await WaitForTranscriptLinesAsync(appliance, LinesBeforeOpening, TimeSpan.FromSeconds(300));

            // A short screen, so that a few lines already make the page scroll and a jump would show.
            page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 420 }, IsMobile = true });
            await page.GotoAsync(appliance.BaseAddress.ToString());

            // The backlog comes in one message and is put on the page in one go: the first lines seen are all of it.
            await page.WaitForFunctionAsync("() => document.querySelectorAll('#lines p.line').length > 0", null, new() { Timeout = 60_000 });
            var opened = await ShownAsync(page);
            var earlier = page.GetByRole(AriaRole.Button, new() { Name = "Load earlier lines", Exact = true });
            await earlier.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 30_000 });
            var atOpening = await TranscriptFile.ReadCommittedAsync(transcript, TestContext.Current.CancellationToken);
            var firstShown = atOpening.Select(line => line.Seq).ToList().IndexOf(opened[0].Seq);
            TestContext.Current.TestOutputHelper?.WriteLine($"transcript had {atOpening.Count} lines when the page opened; the page showed {opened.Count}, from seq {opened[0].Seq}");
            opened.ShouldBe(atOpening.Skip(firstShown).Take(2).ToList(), "the page opens on the backlog of 2 lines only, as the transcript holds them");
            firstShown.ShouldBeGreaterThanOrEqualTo(LinesBeforeOpening - 2, "earlier lines than the backlog are not on the page yet");

            // Live lines go on arriving until the page is taller than the screen; then the reader scrolls up to the button.
            await page.WaitForFunctionAsync(
                "() => document.documentElement.scrollHeight > window.innerHeight + 40", null, new() { Timeout = 300_000, PollingInterval = 500 });
            await page.EvaluateAsync("() => window.scrollTo({ top: 0, behavior: 'instant' })");
            await NextFramesAsync(page);

            var presses = 0;
            while (await earlier.IsVisibleAsync())
            {
                presses++;
                presses.ShouldBeLessThanOrEqualTo(20, "the button goes once the session's first line is on the page");
                var before = await TopLineAsync(page);

                // From the keyboard: the button found by its accessible name takes focus and Enter presses it.
                await earlier.FocusAsync();
                await page.Keyboard.PressAsync("Enter");
                await page.WaitForFunctionAsync("() => !document.getElementById('earlier').disabled", null, new() { Timeout = 30_000 });
                await NextFramesAsync(page);

                var label = await page.EvaluateAsync<string>("() => document.getElementById('earlier').textContent");
                label.ShouldNotStartWith("Could not", Case.Sensitive, "the hub answered Earlier");
                var after = await page.EvaluateAsync<double>(
                    "seq => document.querySelector(`#lines p.line[data-seq=\"${seq}\"]`).getBoundingClientRect().top", before.Seq);
                TestContext.Current.TestOutputHelper?.WriteLine(
                    $"press {presses}: line {before.Seq} was at {before.Top:0.#} px from the top of the screen, then at {after:0.#} px; the page holds {(await ShownAsync(page)).Count} lines");
                Math.Abs(after - before.Top).ShouldBeLessThanOrEqualTo(3, $"the line the reader was looking at (seq {before.Seq}) stays where it was on the screen");
                await page.EvaluateAsync("() => window.scrollTo({ top: 0, behavior: 'instant' })");
                await NextFramesAsync(page);
            }

            presses.ShouldBeGreaterThan(0);
            await StopAsync(appliance);
            var expected = await TranscriptFile.ReadCommittedAsync(transcript, TestContext.Current.CancellationToken);
            try
            {
                await page.WaitForFunctionAsync("n => document.querySelectorAll('#lines p.line').length >= n", expected.Count, new() { Timeout = 60_000, PollingInterval = 250 });
            }
            catch (TimeoutException)
            {
                // The comparison below says what is missing.
            }

            var shown = await ShownAsync(page);
            TestContext.Current.TestOutputHelper?.WriteLine($"{presses} press(es); the page shows {shown.Count} lines; the transcript holds {expected.Count}");
            shown.ShouldBe(expected, "the whole session, the earlier lines and the live ones that came meanwhile, once each, in order, exactly as the transcript holds it");
            (await earlier.IsVisibleAsync()).ShouldBeFalse();
        }
        finally
        {
            try
            {
                if (page is not null)
                {
                    await page.ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, "viewer-earlier-lines.png"), FullPage = true });
                }
            }
            finally
            {
                await appliance.DisposeAsync();
            }
        }
    }

    /// <summary>The committed lines the page shows, in order: seq and text.</summary>
    private static async Task<List<(long Seq, string Text)>> ShownAsync(IPage page) =>
        [.. (await page.EvaluateAsync<JsonElement>("() => [...document.querySelectorAll('#lines p.line')].map(l => ({ seq: Number(l.dataset.seq), text: l.textContent }))"))
            .EnumerateArray().Select(line => (line.GetProperty("seq").GetInt64(), line.GetProperty("text").GetString()!))];

    /// <summary>The first line not hidden under the sticky top bar, and how far from the top of the screen it is.</summary>
    private static async Task<(long Seq, double Top)> TopLineAsync(IPage page)
    {
        var line = await page.EvaluateAsync<JsonElement>(
            """
            () => {
              const barBottom = document.querySelector('header.top').getBoundingClientRect().bottom;
              const line = [...document.querySelectorAll('#lines p.line')].find(l => l.getBoundingClientRect().bottom > barBottom);
              return { seq: Number(line.dataset.seq), top: line.getBoundingClientRect().top };
            }
            """);
        return (line.GetProperty("seq").GetInt64(), line.GetProperty("top").GetDouble());
    }

    /// <summary>Waits for two frames to be drawn, so that any scrolling the browser does after a change has been done.</summary>
    private static async Task NextFramesAsync(IPage page) =>
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");

    private static async Task<string> WaitForTranscriptLinesAsync(ApplianceContainer appliance, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var folder = Path.Combine(appliance.DataDirectory, "transcripts");
        while (true)
        {
            if (Directory.GetFiles(folder) is [var transcript]
                && (await TranscriptFile.ReadCommittedAsync(transcript, TestContext.Current.CancellationToken)).Count >= count)
            {
                return transcript;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the session's transcript did not hold {count} lines within {timeout}");
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Stops the session through the kiosk, so the transcript is final and every line has gone out to the phones.</summary>
    private static async Task StopAsync(ApplianceContainer appliance)
    {
        using var kiosk = await KioskSession.UnlockAsync(appliance, Pin);
        using var stopped = await kiosk.SendAsync(HttpMethod.Post, "/api/session/stop");
        stopped.StatusCode.ShouldBe(HttpStatusCode.OK, await stopped.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
    }
}
