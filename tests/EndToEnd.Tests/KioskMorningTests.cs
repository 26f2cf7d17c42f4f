using System.Text.Json;
using System.Text.RegularExpressions;
using LiveStt.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveStt.EndToEnd.Tests;

/// <summary>
/// A volunteer's Sunday morning at the kiosk, in Debian's Chromium against the real image: a box that waits for Start,
/// its PIN handed over as a file, a phone reading along in a second browser context.
/// </summary>
public sealed partial class KioskMorningTests
{
    private const string Pin = "493817";
    private const string WifiName = "St Anne's Guest";
    private static readonly TimeSpan CaptionTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_volunteer_unlocks_starts_pauses_resumes_and_stops_captions_then_downloads_the_transcript_and_prints_the_join_card()
    {
        var artifacts = Directory.CreateDirectory(Path.Combine(TestEnvironment.ArtifactsDirectory, "kiosk")).FullName;
        var appliance = new ApplianceContainer
        {
            LogName = "appliance-kiosk",
            KioskPin = Pin,
            WaitForLive = false,
            Settings = new Dictionary<string, string>
            {
                ["Streaming__AutoStart"] = "false",
                ["Captions__WifiName"] = WifiName,
                ["Guards__RepetitionEnabled"] = "false",
                ["Guards__CompressionEnabled"] = "false",
                ["Guards__NoSpeechEnabled"] = "false",
            },
        };
        using var playwright = await Playwright.CreateAsync();
        IBrowser? browser = null;
        IPage? kiosk = null;
        try
        {
            await appliance.InitializeAsync();
            browser = await DebianChromium.LaunchAsync(playwright);
            var tablet = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1024, Height = 768 }, HasTouch = true, AcceptDownloads = true });
            kiosk = await tablet.NewPageAsync();
            var phone = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true })).NewPageAsync();
            var viewerUrl = appliance.BaseAddress.ToString();

            // The phone is there before the service, as people arrive.
            await phone.GotoAsync(viewerUrl);
            await Expect(phone.Locator("#session-state")).ToHaveTextAsync("Captions will start soon");

            // A wrong PIN is refused, and says how many tries are left; the right one opens the kiosk.
            await kiosk.GotoAsync(appliance.BaseAddress + "kiosk");
            new Uri(kiosk.Url).AbsolutePath.ShouldBe("/kiosk/");
            await kiosk.Locator("#pin").FillAsync("000000");
            await kiosk.Locator("#unlock").ClickAsync();
            await Expect(kiosk.Locator("#lock-message")).ToHaveTextAsync("That PIN is not right. 4 more tries before the kiosk makes you wait.");
            await Expect(kiosk.Locator("#kiosk")).ToBeHiddenAsync();
            await kiosk.Locator("#pin").FillAsync(Pin);
            await kiosk.Locator("#unlock").ClickAsync();
            await Expect(kiosk.Locator("#state")).ToHaveTextAsync("Not started");
            await Expect(kiosk.Locator("#start-stop")).ToHaveTextAsync("Start captions");

            await SettingsAreCheckedBesideEachFieldAndRuleAsync(kiosk, artifacts);

            // A phone that reads along through the hub, to know exactly which lines were committed and when.
            var ticket = await CaptionViewer.GetTicketAsync(appliance);
            await using var probe = CaptionViewer.Create(appliance, ticket);
            await probe.StartAsync(TestContext.Current.CancellationToken);

            await kiosk.Locator("#start-stop").ClickAsync();
            await Expect(kiosk.Locator("#state")).ToHaveTextAsync("Live", new() { Timeout = 90_000 });
            await Expect(kiosk.Locator("#input-state")).ToHaveTextAsync($"Hearing /speech/{SpeechClip}", new() { Timeout = 10_000 });
            (await DistinctMeterReadingsAsync(kiosk, TimeSpan.FromSeconds(3))).ShouldBeGreaterThanOrEqualTo(4, "the level meter should move with the speech");

            var beforePause = await probe.WaitForCommittedAsync(2, CaptionTimeout);
            var sessionId = beforePause[0].SessionId;
            await WaitForLineAsync(phone, "#lines p.line", beforePause[^1].Text);
            await WaitForLineAsync(kiosk, "#recent-lines li", beforePause[^1].Text);
            await ScreenshotsAsync(browser, kiosk, appliance, artifacts, "live");

            // Pause, for a prayer: the phone says so at once, and nothing is heard, decoded or sent until Resume.
            await kiosk.Locator("#pause-resume").ClickAsync();
            await Expect(kiosk.Locator("#state")).ToHaveTextAsync("Paused");
            await Expect(phone.Locator("#session-state")).ToHaveTextAsync("Paused", new() { Timeout = 2_000 });
            var eventsAtPause = probe.Received.Count;
            var linesAtPause = await phone.Locator("#lines p.line").CountAsync();
            var decodesAtPause = (await appliance.GetStatusAsync()).GetProperty("session").GetProperty("decodes").GetInt64();
            await Task.Delay(TimeSpan.FromSeconds(8), TestContext.Current.CancellationToken);
            probe.Received.Count.ShouldBe(eventsAtPause, "no caption may be sent while paused");
            (await phone.Locator("#lines p.line").CountAsync()).ShouldBe(linesAtPause);
            (await appliance.GetStatusAsync()).GetProperty("session").GetProperty("decodes").GetInt64().ShouldBe(decodesAtPause, "nothing may be decoded while paused");
            await Expect(kiosk.Locator("#input-state")).ToHaveTextAsync("Paused: the input is closed");

            await kiosk.Locator("#pause-resume").ClickAsync();
            await Expect(kiosk.Locator("#state")).ToHaveTextAsync("Live");
            await Expect(phone.Locator("#session-state")).ToHaveTextAsync("", new() { Timeout = 2_000 });
            var committedAtPause = beforePause.Count;
            var afterResume = await probe.WaitForCommittedAsync(committedAtPause + 1, CaptionTimeout);

            // Stopping takes a second tap.
            await kiosk.Locator("#start-stop").ClickAsync();
            await Expect(kiosk.Locator("#start-stop")).ToHaveTextAsync("Tap again to stop");
            await Expect(kiosk.Locator("#state")).ToHaveTextAsync("Live");
            await kiosk.Locator("#start-stop").ClickAsync();
            await Expect(kiosk.Locator("#state")).ToHaveTextAsync("Stopped", new() { Timeout = 30_000 });
            await Expect(phone.Locator("#session-state")).ToHaveTextAsync("Ended — thank you", new() { Timeout = 5_000 });

            // Every line the phone was sent is in the transcript, as it was sent, in order.
            var transcript = await GetJsonAsync(tablet, appliance, $"api/transcripts/{sessionId}?format=json");
            var lines = transcript.GetProperty("lines").EnumerateArray().Select(line => line.GetProperty("text").GetString()!).ToList();
            var sent = await probe.WaitForCommittedAsync(lines.Count, TimeSpan.FromSeconds(5));
            sent.Where(c => c.SessionId == sessionId).Select(c => c.Text).ShouldBe(lines);
            lines.Count.ShouldBeGreaterThanOrEqualTo(afterResume.Count);

            // The Transcripts tab lists the session; its SRT and WebVTT read back in ffmpeg as the same words, in order.
            await kiosk.Locator("#tab-transcripts").ClickAsync();
            var item = kiosk.Locator($"#transcript-list li[data-id='{sessionId}']");
            await Expect(item.Locator(".about")).ToContainTextAsync($"{lines.Count} lines");
            foreach (var (link, codec) in new[] { ("srt", "subrip"), ("vtt", "webvtt") })
            {
                var download = await kiosk.RunAndWaitForDownloadAsync(() => item.Locator($"a.{link}").ClickAsync());
                var saved = Path.Combine(artifacts, $"transcript.{link}");
                await download.SaveAsAsync(saved);
                (await SubtitleFile.ProbeCodecAsync(saved)).ShouldBe(codec);
                var cues = await SubtitleFile.ReadWithFfmpegAsync(saved);
                Letters(string.Concat(cues.Select(cue => cue.Text))).ShouldBe(Letters(string.Concat(lines)));
                cues.Zip(cues.Skip(1)).ShouldAllBe(pair => pair.First.EndMs <= pair.Second.StartMs && pair.First.StartMs < pair.First.EndMs);
            }

            // Deleting takes a second tap too, and the box forgets the transcript.
            var delete = item.Locator("button.delete");
            await delete.ClickAsync();
            await Expect(delete).ToHaveTextAsync("Tap again to delete");
            await delete.ClickAsync();
            await Expect(item).ToHaveCountAsync(0);
            (await GetJsonAsync(tablet, appliance, "api/transcripts")).EnumerateArray()
                .Select(t => t.GetProperty("id").GetString()).ShouldNotContain(sessionId);

            // The join tab's QR code and the printed card both take a phone to the viewer.
            await kiosk.Locator("#tab-join").ClickAsync();
            await Expect(kiosk.Locator("#join-url")).ToHaveTextAsync(viewerUrl);
            await Expect(kiosk.Locator("#join-wifi")).ToHaveTextAsync($"First join the Wi-Fi “{WifiName}”.");
            await kiosk.WaitForFunctionAsync("() => document.getElementById('join-qr').complete && document.getElementById('join-qr').naturalWidth > 0");
            var qrShot = Path.Combine(artifacts, "kiosk-join-qr.png");
            await kiosk.Locator("#join-qr").ScreenshotAsync(new() { Path = qrShot });
            (await DecodeQrAsync(qrShot)).ShouldBe(viewerUrl);

            var card = await tablet.NewPageAsync();
            await card.GotoAsync(appliance.BaseAddress + "kiosk/card.html");
            await card.WaitForSelectorAsync("body[data-ready='true']");
            await Expect(card.Locator("#url")).ToHaveTextAsync(viewerUrl);
            await Expect(card.Locator("#wifi-name")).ToHaveTextAsync($"“{WifiName}”");
            foreach (var paper in new[] { "A5", "Letter" })
            {
                var pdf = Path.Combine(artifacts, $"join-card-{paper}.pdf");
                await card.PdfAsync(new() { Path = pdf, Format = paper, PrintBackground = true });
                PdfPages().Match(await ExternalTool.RunAsync("pdfinfo", pdf)).Groups[1].Value.ShouldBe("1", $"the {paper} card should print on one page");
                var prefix = Path.Combine(artifacts, $"join-card-{paper}");
                await ExternalTool.RunAsync("pdftoppm", "-r", "150", "-png", "-singlefile", pdf, prefix);
                (await DecodeQrAsync(prefix + ".png")).ShouldBe(viewerUrl);
            }

            // Locking brings the PIN back; five wrong PINs and the page shows the wait, with the PIN field shut.
            await kiosk.Locator("#lock-now").ClickAsync();
            await Expect(kiosk.Locator("#lock-message")).ToHaveTextAsync("Locked.");
            await Expect(kiosk.Locator("#kiosk")).ToBeHiddenAsync();
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                await kiosk.Locator("#pin").FillAsync("111111");
                await kiosk.Locator("#unlock").ClickAsync();
                await Expect(kiosk.Locator("#lock-message")).ToHaveTextAsync(attempt < 5
                    ? new Regex(@"^That PIN is not right\. ")
                    : new Regex(@"^Too many wrong PINs\. The kiosk is locked for (30|29|28) more seconds\.$"));
            }

            await Expect(kiosk.Locator("#unlock")).ToBeDisabledAsync();
            await Expect(kiosk.Locator("#pin")).ToBeDisabledAsync();
            await kiosk.ScreenshotAsync(new() { Path = Path.Combine(artifacts, "kiosk-tablet-locked-out.png") });
        }
        finally
        {
            if (kiosk is not null)
            {
                await kiosk.ScreenshotAsync(new() { Path = Path.Combine(artifacts, "kiosk-last.png"), FullPage = true });
            }

            if (browser is not null)
            {
                await browser.DisposeAsync();
            }

            await appliance.DisposeAsync();
        }
    }

    /// <summary>
    /// The Settings tab: a refused stream address and a broken replacement rule are shown beside what is wrong and not
    /// saved; a good vocabulary is saved and read back; the input is left on the demo recording for the morning.
    /// </summary>
    private static async Task SettingsAreCheckedBesideEachFieldAndRuleAsync(IPage kiosk, string artifacts)
    {
        await kiosk.Locator("#tab-settings").ClickAsync();
        await Expect(kiosk.Locator("#input-form input[name='source'][value='wav']")).ToBeCheckedAsync();
        await Expect(kiosk.Locator("#url-field")).ToBeHiddenAsync();

        await kiosk.Locator("#input-form input[name='source'][value='stream']").CheckAsync();
        await kiosk.Locator("#url").FillAsync("ftp://desk-pc/live");
        await kiosk.Locator("#save-input").ClickAsync();
        await Expect(kiosk.Locator("#input-saved")).ToHaveTextAsync("Not saved: see what is marked above.");
        await Expect(kiosk.Locator("#url-field .error")).ToHaveTextAsync(
            "The stream address 'ftp://desk-pc/live' starts with 'ftp://', which is not a stream kind the appliance reads; use one of " +
            "srt://, rtmp://, rtmps://, rtsp://, rtsps://, rtp://, udp://, http://, https://, or the path of an .sdp file for RTP.");
        await kiosk.Locator("#input-form input[name='source'][value='wav']").CheckAsync();
        await kiosk.Locator("#save-input").ClickAsync();
        await Expect(kiosk.Locator("#input-saved")).ToHaveTextAsync("Saved. Used from the next Start.");

        await kiosk.Locator("#add-glossary").ClickAsync();
        await kiosk.Locator("#glossary li .term").Last.FillAsync("Habakkuk");
        await kiosk.Locator("#add-replacement").ClickAsync();
        await kiosk.Locator("#add-replacement").ClickAsync();
        var good = kiosk.Locator("#replacements li").Nth(0);
        await good.Locator(".find").FillAsync("saint ann's");
        await good.Locator(".replace").FillAsync("St Anne's");
        var broken = kiosk.Locator("#replacements li").Nth(1);
        await broken.Locator(".kind").SelectOptionAsync("pattern");
        await broken.Locator(".find").FillAsync("(unclosed");
        await broken.Locator(".replace").FillAsync("x");
        await kiosk.Locator("#save-vocabulary").ClickAsync();
        await Expect(kiosk.Locator("#vocabulary-saved")).ToHaveTextAsync("Not saved: see what is marked above.");
        await Expect(broken.Locator(".error")).ToHaveTextAsync(
            "'pattern' is not a valid .NET regular expression: Invalid pattern '(unclosed' at offset 9. Not enough )'s. Rule refused.");
        await Expect(good.Locator(".error")).ToBeHiddenAsync();
        await kiosk.ScreenshotAsync(new() { Path = Path.Combine(artifacts, "kiosk-tablet-settings-refused.png"), FullPage = true });

        await broken.Locator(".remove").ClickAsync();
        await kiosk.Locator("#save-vocabulary").ClickAsync();
        await Expect(kiosk.Locator("#vocabulary-saved")).ToHaveTextAsync("Saved. Captions use it from now on.");

        // Read back from the box when the tab is opened again.
        await kiosk.Locator("#tab-live").ClickAsync();
        await kiosk.Locator("#tab-settings").ClickAsync();
        await Expect(kiosk.Locator("#glossary li .term")).ToHaveValueAsync("Habakkuk");
        await Expect(kiosk.Locator("#replacements li .find")).ToHaveValueAsync("saint ann's");
        await Expect(kiosk.Locator("#replacements li .replace")).ToHaveValueAsync("St Anne's");
        await kiosk.Locator("#tab-live").ClickAsync();
    }

    private static string SpeechClip => LiveStt.Tests.Speech.SpeechCorpus.Clips().First(c => c.Set == ApplianceContainer.SpeechSet).Audio;

    /// <summary>How many different levels the meter showed over <paramref name="window"/>, read ten times a second.</summary>
    private static async Task<int> DistinctMeterReadingsAsync(IPage kiosk, TimeSpan window)
    {
        var seen = new HashSet<string>();
        var end = DateTime.UtcNow + window;
        while (DateTime.UtcNow < end)
        {
            seen.Add(await kiosk.Locator("#meter").GetAttributeAsync("aria-valuenow") ?? "");
            await Task.Delay(100);
        }

        seen.Remove("-60");
        return seen.Count;
    }

    /// <summary>The kiosk while live, at a tablet's size and at a phone's (the same unlocked session), into the artifacts.</summary>
    private static async Task ScreenshotsAsync(IBrowser browser, IPage tabletPage, ApplianceContainer appliance, string artifacts, string name)
    {
        await tabletPage.ScreenshotAsync(new() { Path = Path.Combine(artifacts, $"kiosk-tablet-{name}.png"), FullPage = true });
        var phoneSize = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            StorageState = await tabletPage.Context.StorageStateAsync(),
        });
        try
        {
            var page = await phoneSize.NewPageAsync();
            await page.GotoAsync(appliance.BaseAddress + "kiosk/");
            await Expect(page.Locator("#state")).ToHaveTextAsync("Live");
            await page.ScreenshotAsync(new() { Path = Path.Combine(artifacts, $"kiosk-phone-{name}.png"), FullPage = true });
        }
        finally
        {
            await phoneSize.DisposeAsync();
        }
    }

    /// <summary>Waits until one of the lines under <paramref name="selector"/> reads <paramref name="text"/>, exactly.</summary>
    private static async Task WaitForLineAsync(IPage page, string selector, string text) =>
        await page.WaitForFunctionAsync(
            "([selector, text]) => [...document.querySelectorAll(selector)].some(line => line.textContent.trim() === text.trim())",
            new[] { selector, text },
            new() { Timeout = 10_000 });

    private static async Task<JsonElement> GetJsonAsync(IBrowserContext context, ApplianceContainer appliance, string path)
    {
        var response = await context.APIRequest.GetAsync(appliance.BaseAddress + path);
        response.Status.ShouldBe(200, await response.TextAsync());
        return (await response.JsonAsync())!.Value;
    }

    private static async Task<string> DecodeQrAsync(string image) =>
        (await ExternalTool.RunAsync("zbarimg", "--quiet", "--raw", image)).Trim();

    private static string Letters(string text) => WhiteSpace().Replace(text, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PdfPages();
}
