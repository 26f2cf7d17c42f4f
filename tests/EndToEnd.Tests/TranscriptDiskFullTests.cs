using System.Net;
using System.Text.Json;
using LiveStt.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveStt.EndToEnd.Tests;

/// <summary>
/// The data volume fills up during a service: captions keep reaching the phones, status and health say the transcript
/// is not being written, and once there is room again every line is written, in order.
/// </summary>
public sealed class TranscriptDiskFullTests
{
    [Fact]
    public async Task With_the_transcripts_disk_full_captions_flow_status_says_so_and_every_line_is_written_once_space_is_back()
    {
        // A real full file system: a 256 KiB tmpfs over the transcripts folder, owned by the image's user.
        var appliance = new ApplianceContainer
        {
            LogName = "appliance-disk-full",
            KioskPin = "270452",
            WaitForLive = false,
            Settings = new Dictionary<string, string>
            {
                ["Guards__RepetitionEnabled"] = "false",
                ["Guards__CompressionEnabled"] = "false",
                ["Guards__NoSpeechEnabled"] = "false",
                ["Streaming__AutoStart"] = "false",
            },
            ExtraArguments = ["--tmpfs", "/data/transcripts:size=256k,uid=10001,gid=10001,mode=0755"],
        };
        try
        {
            await appliance.InitializeAsync();
            // Every page taken before the session's file exists, so its very first record is refused.
            var fill = await appliance.ExecAsync("sh", "-c", "cat /dev/zero > /data/transcripts/filler");
            fill.Stderr.ShouldContain("No space left on device");
            await using var viewer = await ReconnectingViewer.ConnectAsync(appliance);
            using var kiosk = await KioskSession.UnlockAsync(appliance, "270452");

            // The volunteers' kiosk, in a real browser: they start the captions and are told the transcript waits.
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await DebianChromium.LaunchAsync(playwright);
            var tablet = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1024, Height = 768 } });
            await tablet.GotoAsync(appliance.BaseAddress + "kiosk");
            await tablet.Locator("#pin").FillAsync("270452");
            await tablet.Locator("#unlock").ClickAsync();
            await tablet.Locator("#start-stop").ClickAsync();
            await Expect(tablet.Locator("#state")).ToHaveTextAsync("Live", new() { Timeout = 90_000 });

            var whileFull = await viewer.WaitForCommittedAsync(3, TimeSpan.FromSeconds(120));
            var session = (await appliance.GetStatusAsync()).GetProperty("session");
            session.GetProperty("state").GetString().ShouldBe("live");
            session.GetProperty("transcriptWriting").GetBoolean().ShouldBeFalse();
            var transcript = session.GetProperty("transcript");
            transcript.GetProperty("writing").GetBoolean().ShouldBeFalse();
            transcript.GetProperty("pending").GetInt32().ShouldBeGreaterThanOrEqualTo(1 + whileFull.Count, "the session record and every line so far wait");
            transcript.GetProperty("droppedLines").GetInt64().ShouldBe(0);
            transcript.GetProperty("error").GetString().ShouldNotBeNull().ShouldContain("No space left on device");
            using (var client = appliance.CreateClient())
            using (var health = await client.GetAsync("/healthz", TestContext.Current.CancellationToken))
            {
                health.StatusCode.ShouldBe(HttpStatusCode.OK, "captions still work: nothing should restart the box for this");
                var body = await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                body.ShouldStartWith("Degraded: caption session live, but its transcript is not being written: ");
            }

            var warning = tablet.Locator("#transcript-warning");
            await Expect(warning).ToBeVisibleAsync(new() { Timeout = 10_000 });
            (await warning.TextContentAsync()).ShouldNotBeNull().ShouldStartWith("The transcript is not being written (No space left on device");
            await tablet.ScreenshotAsync(new() { Path = Path.Combine(TestEnvironment.ArtifactsDirectory, "kiosk-disk-full.png"), FullPage = true });

            var fileName = (await appliance.ExecAsync("sh", "-c", "ls /data/transcripts | grep jsonl")).Stdout.Trim();
            (await appliance.ExecAsync("stat", "-c", "%s", $"/data/transcripts/{fileName}")).Stdout.Trim().ShouldBe("0", "nothing half-written");

            (await appliance.ExecAsync("rm", "/data/transcripts/filler")).ExitCode.ShouldBe(0);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await appliance.GetStatusAsync()).GetProperty("session").GetProperty("transcriptWriting").GetBoolean() is false)
            {
                DateTime.UtcNow.ShouldBeLessThan(deadline, "writing did not resume once there was room");
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }

            await Expect(warning).ToBeHiddenAsync(new() { Timeout = 10_000 });
            await viewer.WaitForCommittedAsync(whileFull.Count + 2, TimeSpan.FromSeconds(120));
            using (var stopped = await kiosk.SendAsync(HttpMethod.Post, "/api/session/stop"))
            {
                stopped.StatusCode.ShouldBe(HttpStatusCode.OK, await stopped.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }

            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            var text = (await appliance.ExecAsync("cat", $"/data/transcripts/{fileName}")).Stdout;
            var records = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
            records[0].GetProperty("type").GetString().ShouldBe("session");
            records[^1].GetProperty("reason").GetString().ShouldBe("stopped");
            records.ShouldNotContain(r => r.GetProperty("type").GetString() == "gap");
            var lines = records.Where(r => r.GetProperty("type").GetString() == "line")
                .Select(r => (r.GetProperty("seq").GetInt64(), r.GetProperty("text").GetString()))
                .ToList();
            viewer.Committed.Select(c => (c.Seq, (string?)c.Text)).ShouldBe(lines, "every line a phone got, written once, in order, after the disk had room again");
            var after = (await appliance.GetStatusAsync()).GetProperty("session").GetProperty("transcript");
            after.GetProperty("pending").GetInt32().ShouldBe(0);
        }
        finally
        {
            await appliance.DisposeAsync();
        }
    }
}
