using System.Diagnostics;
using System.Text.Json;
using LiveStt.Appliance.Tests.Infrastructure;

namespace LiveStt.Appliance.Tests.Audio;

/// <summary>
/// Network streams through the real ffmpeg: another ffmpeg on 127.0.0.1 sends real speech in real time (-re), as
/// the livestream PC would, over UDP (MPEG-TS) or serves it over HTTP (MP3, as Icecast does).
/// </summary>
public sealed class StreamInputTests(LiveInputFixture fixture) : IClassFixture<LiveInputFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_udp_stream_that_drops_out_for_ten_seconds_is_captioned_again_soon_after_it_returns()
    {
        var url = $"udp://127.0.0.1:{ApplianceProcess.FreePort()}";
        var sender = SendUdp(url);
        try
        {
            await using var appliance = await ApplianceProcess.StartAsync(fixture.Settings(("Audio__Source", "stream"), ("Audio__Url", url)));
            await using var phone = await LiveCaptionClient.ConnectAsync(appliance);
            await phone.WaitForCommittedAsync(Patience);

            Stop(sender);
            var outage = Stopwatch.StartNew();
            var lost = await appliance.WaitForStatusAsync(s => ApplianceProcess.InputOf(s).GetProperty("state").GetString() != "receiving", Patience, "the outage to be noticed");
            ApplianceProcess.InputOf(lost).GetProperty("levelDbfs").ValueKind.ShouldBe(JsonValueKind.Null, "a lost input shows no level");
            await Task.Delay(TimeSpan.FromSeconds(10) - outage.Elapsed, TestContext.Current.CancellationToken);
            var beforeReturn = phone.Received.IsEmpty ? 0 : phone.Received.Max(c => c.Seq);
            sender = SendUdp(url);
            outage.Stop();
            var returned = Stopwatch.StartNew();

            await phone.WaitForCommittedAsync(TimeSpan.FromSeconds(15), afterSeq: beforeReturn);
            returned.Stop();
            var status = await appliance.StatusAsync();
            var input = ApplianceProcess.InputOf(status);

            TestContext.Current.SendDiagnosticMessage($"outage {outage.ElapsedMilliseconds} ms, captions again {returned.ElapsedMilliseconds} ms after the sender returned; input {input}");
            status.GetProperty("session").GetProperty("state").GetString().ShouldBe("live");
            input.GetProperty("state").GetString().ShouldBe("receiving");
            input.GetProperty("reconnects").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
            input.GetProperty("gapMs").GetInt64().ShouldBeInRange(outage.ElapsedMilliseconds - 1_000, outage.ElapsedMilliseconds + 6_000);
        }
        finally
        {
            Stop(sender);
        }
    }

    [Fact]
    public async Task An_http_stream_is_captioned()
    {
        var url = $"http://127.0.0.1:{ApplianceProcess.FreePort()}/live.mp3";
        // ffmpeg serves one listener over HTTP, as an Icecast mount does.
        using var server = LiveInputFixture.Ffmpeg("-re", "-stream_loop", "-1", "-i", LiveInputFixture.Speech, "-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3", "-listen", "1", url);
        try
        {
            await using var appliance = await ApplianceProcess.StartAsync(fixture.Settings(("Audio__Source", "stream"), ("Audio__Url", url)));
            await using var phone = await LiveCaptionClient.ConnectAsync(appliance);

            await phone.WaitForCommittedAsync(Patience);

            var input = ApplianceProcess.InputOf(await appliance.StatusAsync());
            input.GetProperty("kind").GetString().ShouldBe("stream");
            input.GetProperty("description").GetString().ShouldBe(url);
            input.GetProperty("state").GetString().ShouldBe("receiving");
        }
        finally
        {
            Stop(server);
        }
    }

    [Fact]
    public async Task A_stream_that_refuses_the_connection_says_so_and_is_tried_again()
    {
        var url = $"rtsp://desk:secret@127.0.0.1:{ApplianceProcess.FreePort()}/live";
        await using var appliance = await ApplianceProcess.StartAsync(fixture.Settings(("Audio__Source", "stream"), ("Audio__Url", url)));

        var status = await appliance.WaitForStatusAsync(s => ApplianceProcess.InputOf(s).GetProperty("reconnects").GetInt64() >= 1 && ApplianceProcess.InputOf(s).GetProperty("state").GetString() == "no-audio", Patience, "the refused stream to be retried");

        var input = ApplianceProcess.InputOf(status);
        input.GetProperty("description").GetString().ShouldBe(url.Replace("desk:secret@", "desk:***@", StringComparison.Ordinal));
        var reason = input.GetProperty("reason").GetString().ShouldNotBeNull();
        reason.ShouldStartWith("ffmpeg stopped reading the stream (exit code ");
        reason.ShouldContain("Connection refused");
        reason.ShouldNotContain("secret");
        status.GetProperty("session").GetProperty("state").GetString().ShouldBe("live");
        appliance.Output.ShouldNotContain("secret");
    }

    [Fact]
    public async Task Ffmpeg_does_not_outlive_an_appliance_that_is_killed()
    {
        var url = $"udp://127.0.0.1:{ApplianceProcess.FreePort()}";
        var sender = SendUdp(url);
        try
        {
            await using var appliance = await ApplianceProcess.StartAsync(fixture.Settings(("Audio__Source", "stream"), ("Audio__Url", url)));
            await appliance.WaitForStatusAsync(s => ApplianceProcess.InputOf(s).GetProperty("state").GetString() == "receiving", Patience, "the stream to be received");
            var ffmpeg = Children(appliance.ProcessId).ShouldHaveSingleItem();

            appliance.Kill();

            var waited = Stopwatch.StartNew();
            while (Directory.Exists($"/proc/{ffmpeg}") && !File.ReadAllText($"/proc/{ffmpeg}/stat").Contains(") Z ", StringComparison.Ordinal))
            {
                waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "ffmpeg kept running after the appliance was killed");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            TestContext.Current.SendDiagnosticMessage($"ffmpeg {ffmpeg} ended {waited.ElapsedMilliseconds} ms after the appliance was killed");
        }
        finally
        {
            Stop(sender);
        }
    }

    private static Process SendUdp(string url) =>
        LiveInputFixture.Ffmpeg("-re", "-stream_loop", "-1", "-i", LiveInputFixture.Speech, "-c:a", "mp2", "-f", "mpegts", url);

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    private static IReadOnlyList<int> Children(int processId) =>
        [.. Directory.GetDirectories($"/proc/{processId}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse)];

}
