using System.Text.Json;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Settings;
using LiveStt.Appliance.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>Start, stop, pause and resume at run time, as the kiosk gives them.</summary>
public sealed class CaptionSessionControllerCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_start_after_a_stop_is_a_new_session_on_the_model_already_loaded()
    {
        var speech = ScriptedSpeech.Build(["one two three four"], pauseMs: 0);
        using var harness = new SessionHarness(speech, autoStart: false, sources: new SourceFactory(() => new StallingSource(audio: speech.Audio)));
        await harness.StartHostAsync();
        await harness.Hosted.ExecuteTask!;

        var first = await harness.Controller.StartSessionAsync(Token);
        first.State.ShouldBe(SessionStates.Live);
        var stopped = await harness.Controller.StopSessionAsync(Token);
        stopped.State.ShouldBe(SessionStates.Idle);
        stopped.SessionId.ShouldBe(first.SessionId);
        var second = await harness.Controller.StartSessionAsync(Token);

        second.State.ShouldBe(SessionStates.Live);
        second.SessionId.ShouldNotBe(first.SessionId);
        second.CommittedLines.ShouldBe(0);
        harness.Runtime.LoadedPaths.ShouldBe([SessionHarness.Model.Path], "the model is loaded once, at start-up");
        harness.Models.Calls.ShouldBe(1);
        Directory.GetFiles(harness.TranscriptDirectory).Length.ShouldBe(2);
        harness.Publisher.Notices.Select(n => (n.SessionId, n.State)).ShouldBe(
        [
            (first.SessionId, ViewerSessionStates.Starting), (first.SessionId, ViewerSessionStates.Live), (first.SessionId, ViewerSessionStates.Ended),
            (second.SessionId, ViewerSessionStates.Starting), (second.SessionId, ViewerSessionStates.Live),
        ]);
        await harness.StopHostAsync();
    }

    [Fact]
    public async Task Two_taps_on_start_at_once_make_one_session()
    {
        var speech = ScriptedSpeech.Build(["one two three four"], pauseMs: 0);
        using var harness = new SessionHarness(speech, autoStart: false, sources: new SourceFactory(() => new StallingSource(audio: speech.Audio)));
        await harness.StartHostAsync();

        var taps = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => harness.Controller.StartSessionAsync(Token), Token)));

        taps.Select(t => t.SessionId).Distinct().ShouldHaveSingleItem().ShouldNotBeNull();
        taps.ShouldAllBe(t => t.State == SessionStates.Live);
        Directory.GetFiles(harness.TranscriptDirectory).ShouldHaveSingleItem();
        harness.Publisher.Notices.Count(n => n.State == ViewerSessionStates.Starting).ShouldBe(1);
        await harness.StopHostAsync();
    }

    [Fact]
    public async Task Stop_decodes_and_commits_the_last_words_before_the_session_ends()
    {
        // No pause after the last word and no two decodes that agree: only the end of the audio can commit it.
        var speech = ScriptedSpeech.Build(["one two three four"], pauseMs: 0);
        var transcriber = new ScriptedTranscriber(speech) { Distort = ScriptedTranscriber.NeverAgrees };
        var source = new StallingSource(audio: speech.Audio);
        using var harness = new SessionHarness(speech, autoStart: false, runtime: new FakeWhisperRuntime(_ => transcriber), sources: new SourceFactory(() => source));
        await harness.StartHostAsync();
        await harness.Controller.StartSessionAsync(Token);
        await harness.WaitForAsync(_ => source.Stalled && !transcriber.Decodes.IsEmpty);
        harness.Publisher.Committed.ShouldBeEmpty();

        var ended = await harness.Controller.StopSessionAsync(Token);

        ended.State.ShouldBe(SessionStates.Idle);
        source.Closed.ShouldBeTrue();
        var line = harness.Publisher.Committed.ShouldHaveSingleItem();
        string.Join(' ', line.Text.Split(' ').Select(w => w[..w.LastIndexOf('-')])).ShouldBe("one two three four");
        var records = harness.TranscriptRecords();
        records.Select(r => r.GetProperty("type").GetString()).ShouldBe(["session", "line", "ended"]);
        records[1].GetProperty("text").GetString().ShouldBe(line.Text);
        records[2].GetProperty("reason").GetString().ShouldBe("stopped");
        harness.Publisher.Notices[^1].State.ShouldBe(ViewerSessionStates.Ended);
    }

    [Fact]
    public async Task Pause_closes_the_input_drops_what_is_not_committed_and_lets_nothing_out_until_resume()
    {
        var speech = ScriptedSpeech.Build(["one two three four"], pauseMs: 0);
        var transcriber = new ScriptedTranscriber(speech) { Distort = ScriptedTranscriber.NeverAgrees };
        var sources = new SourceFactory(() => new StallingSource(audio: speech.Audio));
        using var harness = new SessionHarness(speech, autoStart: false, runtime: new FakeWhisperRuntime(_ => transcriber), sources: sources);
        await harness.StartHostAsync();
        await harness.Controller.StartSessionAsync(Token);
        var first = (StallingSource)sources.Made.ShouldHaveSingleItem().Source;
        // Words are on the phones as tentative text when the pause comes.
        await harness.WaitForAsync(_ => first.Stalled && harness.Publisher.Events.Any(e => e.Kind == CaptionKind.Tentative && e.Text.Length > 0));

        var paused = await harness.Controller.PauseSessionAsync(Token);

        paused.State.ShouldBe(SessionStates.Paused);
        paused.PausedAt.ShouldNotBeNull();
        paused.AudioAlive.ShouldBeFalse();
        first.Closed.ShouldBeTrue("the input is closed while paused");
        var decodes = transcriber.Decodes.Count;
        var published = harness.Publisher.Order.Count;
        await Task.Delay(300, Token);
        transcriber.Decodes.Count.ShouldBe(decodes, "nothing is decoded while paused");
        harness.Publisher.Order.Count.ShouldBe(published, "nothing is sent while paused");
        harness.Publisher.Order[^1].ShouldBe(new SessionNotice(paused.SessionId, ViewerSessionStates.Paused, paused.StartedAt));
        harness.Publisher.Committed.ShouldBeEmpty("the words still tentative at the pause are dropped, not committed");
        harness.TranscriptRecords().Select(r => r.GetProperty("type").GetString()).ShouldBe(["session", "paused"]);

        var resumed = await harness.Controller.ResumeSessionAsync(Token);
        resumed.State.ShouldBe(SessionStates.Live);
        resumed.SessionId.ShouldBe(paused.SessionId);
        sources.Made.Count.ShouldBe(2, "the input is opened again");
        var second = (StallingSource)sources.Made[1].Source;
        await harness.WaitForAsync(_ => second.Stalled);
        await harness.Controller.StopSessionAsync(Token);

        var line = harness.Publisher.Committed.ShouldHaveSingleItem();
        var pausedAtMs = harness.TranscriptRecords()[1].GetProperty("sessionMs").GetInt64();
        line.StartMs.ShouldBeGreaterThanOrEqualTo(pausedAtMs, "the run after the resume is timed from where it starts in the session");
        harness.TranscriptRecords().Select(r => r.GetProperty("type").GetString()).ShouldBe(["session", "paused", "resumed", "line", "ended"]);
        harness.Publisher.ShouldBeWellFormed(paused.SessionId!);
        harness.Runtime.LoadedPaths.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Commands_out_of_turn_are_refused_or_change_nothing()
    {
        var speech = ScriptedSpeech.Build(["one two three four"], pauseMs: 0);
        using var harness = new SessionHarness(speech, autoStart: false, sources: new SourceFactory(() => new StallingSource(audio: speech.Audio)));
        await harness.StartHostAsync();

        (await Should.ThrowAsync<SessionCommandException>(harness.Controller.PauseSessionAsync(Token))).Message
            .ShouldBe("Captions are not running, so there is nothing to pause.");
        (await Should.ThrowAsync<SessionCommandException>(harness.Controller.ResumeSessionAsync(Token))).Message
            .ShouldBe("Captions are not paused, so there is nothing to resume.");
        (await harness.Controller.StopSessionAsync(Token)).SessionId.ShouldBeNull("stop with nothing running changes nothing");

        var live = await harness.Controller.StartSessionAsync(Token);
        (await harness.Controller.ResumeSessionAsync(Token)).ShouldBe(harness.Controller.Current);
        harness.Controller.Current.State.ShouldBe(SessionStates.Live);
        await harness.Controller.PauseSessionAsync(Token);
        (await harness.Controller.PauseSessionAsync(Token)).State.ShouldBe(SessionStates.Paused);
        (await harness.Controller.StartSessionAsync(Token)).SessionId.ShouldBe(live.SessionId, "start while paused keeps the paused session");

        var ended = await harness.Controller.StopSessionAsync(Token);
        ended.State.ShouldBe(SessionStates.Idle);
        ended.PausedAt.ShouldBeNull();
        harness.TranscriptRecords()[^1].GetProperty("reason").GetString().ShouldBe("stopped");
        (await Should.ThrowAsync<SessionCommandException>(harness.Controller.ResumeSessionAsync(Token))).Message
            .ShouldBe("Captions are not paused, so there is nothing to resume.");
    }

    [Fact]
    public async Task A_session_starts_with_the_input_and_language_the_kiosk_saved()
    {
        var speech = ScriptedSpeech.Build(["one two three four"], pauseMs: 0);
        var transcriber = new ScriptedTranscriber(speech);
        var sources = new SourceFactory(() => new StallingSource(audio: speech.Audio));
        using var harness = new SessionHarness(speech, autoStart: false, runtime: new FakeWhisperRuntime(_ => transcriber), sources: sources);
        var store = harness.Services.GetRequiredService<InputSettingsStore>();
        var (_, errors) = store.Save(new InputSettings("alsa", "plughw:CARD=CODEC,DEV=0", null, "Left", "de"));
        errors.ShouldBeEmpty();
        await harness.StartHostAsync();

        await harness.Controller.StartSessionAsync(Token);
        await harness.WaitForAsync(_ => !transcriber.Decodes.IsEmpty);

        var options = sources.Made.ShouldHaveSingleItem().Options;
        (options.Source, options.Device, options.Channel).ShouldBe(("alsa", "plughw:CARD=CODEC,DEV=0", LiveStt.Appliance.Audio.AudioChannel.Left));
        transcriber.Decodes.ShouldAllBe(d => d.Request.Language == "de");
        await harness.StopHostAsync();
    }
}
