using LiveStt.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LiveStt.EndToEnd.Tests;

/// <summary>
/// The overlay after kill -9 of the box and a restart: it reconnects by itself with a fresh ticket, asks to resume
/// after the last line it showed, and goes on showing the same session's new lines.
/// </summary>
public sealed class OverlayReconnectTests
{
    [Fact]
    public async Task After_a_crash_and_a_restart_the_overlay_resumes_after_its_last_line_and_shows_new_ones()
    {
        // Its own container: killing the suite's shared one would take it from the other tests.
        var appliance = new ApplianceContainer { LogName = "appliance-overlay-restart" };
        try
        {
            await appliance.InitializeAsync();
            await using var overlay = await OverlayPage.OpenAsync(appliance, "?lines=1");
            var hubAddresses = new List<Uri>();
            overlay.Page.WebSocket += (_, socket) => hubAddresses.Add(new Uri(socket.Url));
            await overlay.WaitForSeqAsync((await overlay.LinesAsync())[^1].Seq + 1);

            await appliance.KillAsync();
            var before = (await overlay.LinesAsync()).ShouldHaveSingleItem();
            await appliance.StartAgainAsync();
            await overlay.WaitForSeqAsync(before.Seq + 1);
            var after = (await overlay.LinesAsync()).ShouldHaveSingleItem();
            after.Session.ShouldBe(before.Session, "the session cut off by the crash goes on");

            // Each reconnection names the session and the last committed line the overlay had.
            hubAddresses.ShouldNotBeEmpty();
            var resume = hubAddresses[^1].Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] is "session" or "after")
                .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
            resume.ShouldBe(new Dictionary<string, string> { ["session"] = before.Session, ["after"] = before.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            hubAddresses[^1].AbsolutePath.ShouldBe("/hubs/captions");
        }
        finally
        {
            await appliance.DisposeAsync();
        }
    }
}
