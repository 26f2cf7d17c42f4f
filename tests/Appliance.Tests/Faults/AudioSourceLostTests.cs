using System.Diagnostics;
using System.Text.Json;
using LiveStt.Appliance.Tests.Audio;
using LiveStt.Appliance.Tests.Infrastructure;

namespace LiveStt.Appliance.Tests.Faults;

/// <summary>
/// The stream PC goes away and comes back: a real ffmpeg serves real speech over HTTP (as an Icecast mount does), is
/// killed, and is started again on the same address. Through the appliance run as its own process: status says the
/// input is lost and why, captions flow again when the stream is back, and every line committed, before the loss and
/// after it, is in the transcript and at the viewers, exactly.
/// </summary>
public sealed class AudioSourceLostTests(LiveInputFixture fixture) : IClassFixture<LiveInputFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_stream_server_that_goes_away_and_comes_back_is_captioned_again_and_nothing_committed_is_lost()
    {
        var url = $"http://127.0.0.1:{ApplianceProcess.FreePort()}/live.mp3";
        var server = Serve(url);
        try
        {
            var settings = fixture.Settings(("Audio__Source", "stream"), ("Audio__Url", url));
            await using var appliance = await ApplianceProcess.StartAsync(settings);
            await using var phone = await LiveCaptionClient.ConnectAsync(appliance);
            var first = await phone.WaitForCommittedAsync(Patience);
            await phone.WaitForCommittedAsync(Patience, afterSeq: first.Seq);

            // Cut the stream mid-sentence: while words are on the phones as tentative text.
            await WaitUntilAsync(() => Latest(phone) is { Kind: "tentative", Text.Length: > 0 }, "tentative text on the phone");
            Stop(server);
            var ended = await appliance.WaitForStatusAsync(s => Input(s).GetProperty("state").GetString() == "no-audio", Patience, "the loss to be noticed");
            Input(ended).GetProperty("reason").GetString().ShouldBe("The stream ended.");
            var refused = await appliance.WaitForStatusAsync(s => Input(s).GetProperty("reconnects").GetInt64() >= 1 && Input(s).GetProperty("state").GetString() == "no-audio", Patience, "a try while the server is away");
            Input(refused).GetProperty("reason").GetString().ShouldBe($"ffmpeg stopped reading the stream (exit code 1): {url}: Connection refused");
            Input(refused).GetProperty("levelDbfs").ValueKind.ShouldBe(JsonValueKind.Null);
            refused.GetProperty("session").GetProperty("state").GetString().ShouldBe("live");
            refused.GetProperty("session").GetProperty("audioAlive").GetBoolean().ShouldBeFalse();

            // The words heard before the loss are committed, not left tentative for as long as the input is away.
            await WaitUntilAsync(() => Latest(phone) is { Kind: "committed" } or { Kind: "tentative", Text.Length: 0 }, "the words heard before the loss to be committed");

            // While the input is away, what the viewer has and what the transcript holds are the same lines.
            var beforeReturn = phone.Committed;
            Lines(settings).ShouldBe(beforeReturn.Select(c => (c.Seq, c.Text)), "the transcript holds exactly the lines the phone got before the return");

            server.Dispose();
            server = Serve(url);
            var lastSeq = phone.Received.Max(c => c.Seq);
            var back = await appliance.WaitForStatusAsync(s => Input(s).GetProperty("state").GetString() == "receiving", Patience, "the stream to be received again");
            Input(back).GetProperty("reason").ValueKind.ShouldBe(JsonValueKind.Null);
            Input(back).GetProperty("gapMs").GetInt64().ShouldBeGreaterThan(0);
            await phone.WaitForCommittedAsync(Patience, afterSeq: lastSeq);

            await using var late = await LiveCaptionClient.ConnectAsync(appliance);
            await WaitUntilAsync(() => late.Backlog is not null, "the late phone's backlog");
            var transcript = Lines(settings);
            late.Backlog.ShouldBe(transcript.TakeLast(50), "a phone that joins after the outage gets the transcript's lines");
            phone.Committed.Select(c => (c.Seq, c.Text)).ShouldBe(transcript.Take(phone.Committed.Count), "the phone got every line, in order, the same as the transcript");
            beforeReturn.Select(c => (c.Seq, c.Text)).ShouldBe(transcript.Take(beforeReturn.Count), "the lines from before the loss are all still there");
        }
        finally
        {
            Stop(server);
            server.Dispose();
        }
    }

    private static (long Seq, string Kind, string Text) Latest(LiveCaptionClient phone) =>
        phone.Received.IsEmpty ? default : phone.Received.MaxBy(c => c.Seq);

    private static JsonElement Input(JsonElement status) => ApplianceProcess.InputOf(status);

    private static List<(long Seq, string Text)> Lines(IReadOnlyDictionary<string, string> settings) =>
        [.. LiveInputFixture.Transcripts(settings).Lines.Select(l => (l.Seq, l.Text))];

    /// <summary>ffmpeg serving the speech, looped in real time, to one listener over HTTP.</summary>
    private static Process Serve(string url) =>
        LiveInputFixture.Ffmpeg("-re", "-stream_loop", "-1", "-i", LiveInputFixture.Speech, "-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3", "-listen", "1", url);

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            waited.Elapsed.ShouldBeLessThan(Patience, $"waiting for {what}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
