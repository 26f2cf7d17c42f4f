using LiveStt.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LiveStt.EndToEnd.Tests;

/// <summary>The livestream overlay (<c>/overlay</c>) as a browser source sees it: Debian's Chromium against the real image.</summary>
public sealed class OverlayTests(ApplianceContainer appliance)
{
    private static readonly TimeSpan CaptionTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Without_a_box_only_the_text_is_painted_and_everything_else_is_fully_transparent()
    {
        await using var overlay = await OverlayPage.OpenAsync(appliance, "?bg=none&size=64&lines=2");
        var (png, rects) = await overlay.StillShotAsync(selector: "#box", textOnly: true, margin: 0.3 * 64);
        var image = PngImage.Read(png);
        await File.WriteAllBytesAsync(Path.Combine(TestEnvironment.ArtifactsDirectory, "overlay-no-box.png"), png, TestContext.Current.CancellationToken);

        var (outsideNotClear, opaqueText) = (0, 0);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var inText = rects.Any(r => r.Contains(x, y));
                var alpha = image.Alpha(x, y);
                if (!inText && alpha != 0)
                {
                    outsideNotClear++;
                }
                else if (inText && alpha == 255)
                {
                    opaqueText++;
                }
            }
        }

        outsideNotClear.ShouldBe(0, "every pixel outside the text must be fully transparent (alpha 0)");
        opaqueText.ShouldBeGreaterThan(200, "the text itself must be painted opaque");
    }

    [Fact]
    public async Task A_box_at_the_top_is_opaque_where_asked_and_nothing_outside_it_is_painted()
    {
        await using var overlay = await OverlayPage.OpenAsync(appliance, "?bg=102030&bgopacity=100&lines=1&position=top&size=40");
        var (png, rects) = await overlay.StillShotAsync(selector: "#box", textOnly: false, margin: 0);
        var image = PngImage.Read(png);
        await File.WriteAllBytesAsync(Path.Combine(TestEnvironment.ArtifactsDirectory, "overlay-box-top.png"), png, TestContext.Current.CancellationToken);
        var box = rects.ShouldHaveSingleItem();
        box.Top.ShouldBeLessThan(image.Height / 2.0, "position=top puts the box in the top half");

        var corner = 0.15 * 40; // the box's rounded corners are drawn antialiased
        var (outsideNotClear, insideNotOpaque) = (0, 0);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var alpha = image.Alpha(x, y);
                if (!box.Inflate(1).Contains(x, y) && alpha != 0)
                {
                    outsideNotClear++;
                }
                else if (box.Inflate(-corner).Contains(x, y) && alpha != 255)
                {
                    insideNotOpaque++;
                }
            }
        }

        outsideNotClear.ShouldBe(0, "outside the box every pixel must be fully transparent");
        insideNotOpaque.ShouldBe(0, "bgopacity=100 paints the box fully opaque");
    }

    [Fact]
    public async Task One_line_shows_exactly_the_newest_committed_line_and_two_lines_the_two_newest()
    {
        var ticket = await CaptionViewer.GetTicketAsync(appliance);
        await using var probe = CaptionViewer.Create(appliance, ticket);
        await probe.StartAsync(TestContext.Current.CancellationToken);
        await using var one = await OverlayPage.OpenAsync(appliance, "?lines=1");
        await using var two = await OverlayPage.OpenAsync(appliance, "?lines=2");

        // Once a line the probe was sent is on show, each overlay must show exactly the newest committed lines up to it.
        var start = (await probe.WaitForCommittedAsync(2, CaptionTimeout)).Count;
        var newest = (await probe.WaitForCommittedAsync(start + 1, CaptionTimeout))[^1];
        await one.WaitForSeqAsync(newest.Seq);
        await two.WaitForSeqAsync(newest.Seq);

        var last = (await one.LinesAsync()).ShouldHaveSingleItem();
        var committed = await CommittedThroughAsync(probe, last);
        last.Seq.ShouldBe(committed[^1].Seq);
        last.Session.ShouldBe(committed[^1].SessionId);
        string.CompareOrdinal(last.Text, committed[^1].Text).ShouldBe(0, $"the overlay shows \"{last.Text}\"; the hub committed \"{committed[^1].Text}\"");

        var shownTwo = await two.LinesAsync();
        shownTwo.Count.ShouldBe(2);
        committed = await CommittedThroughAsync(probe, shownTwo[1]);
        committed.Count.ShouldBeGreaterThanOrEqualTo(2);
        shownTwo.Select(l => (l.Session, l.Seq, l.Text)).ShouldBe(committed.TakeLast(2).Select(c => (c.SessionId, c.Seq, c.Text)));
    }

    /// <summary>The probe's committed lines up to and including <paramref name="line"/>, once the probe has it too.</summary>
    private static async Task<IReadOnlyList<CaptionMessage>> CommittedThroughAsync(CaptionViewer probe, OverlayLine line)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var committed = probe.Received.Where(c => c.Kind == "committed").ToList();
            var at = committed.FindIndex(c => c.SessionId == line.Session && c.Seq == line.Seq);
            if (at >= 0)
            {
                return committed[..(at + 1)];
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the hub never sent the probe the line the overlay shows ({line.Seq}: {line.Text})");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Bad_query_values_fall_back_to_the_defaults_and_good_ones_change_the_look()
    {
        await using var bad = await OverlayPage.OpenAsync(
            appliance,
            "?lines=9&size=abc&color=red%3Bbackground%3Aurl(x)&bg=%3Cscript%3Ealert(1)%3C%2Fscript%3E&bgopacity=-5&position=left&font=%22%3E%3Cimg");
        await bad.WaitForLineCountAsync(2);
        var look = await bad.LookAsync();
        look.ShouldBe(new OverlayLook("48px", "rgb(255, 255, 255)", "rgba(0, 0, 0, 0.6)", "flex-end", "system-ui", 2, 2));

        await using var good = await OverlayPage.OpenAsync(appliance, "?lines=1&size=80&color=%23fc0&bg=none&position=top&font=atkinson");
        await good.WaitForLineCountAsync(1);
        look = await good.LookAsync();
        look.ShouldBe(new OverlayLook("80px", "rgb(255, 204, 0)", "rgba(0, 0, 0, 0)", "flex-start", "\"Atkinson Hyperlegible\"", 1, 2));
        (await good.Page.EvaluateAsync<bool>("async () => { await document.fonts.ready; return [...document.fonts].some(f => f.family.includes('Atkinson') && f.status === 'loaded'); }"))
            .ShouldBeTrue("the Atkinson Hyperlegible font is served by the box and loads");
    }
}
