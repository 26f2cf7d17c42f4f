using System.Text.Json;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Transcripts;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>At start-up the controller goes on with the session the appliance was running when it was cut off.</summary>
public sealed class SessionResumeTests
{
    private const string CutOffId = "1a2b3c4d";
    private static readonly string[] LinesBefore = ["In the beginning", "was the Word", "and the Word was with God"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_cut_off_a_moment_ago_goes_on_with_its_id_its_seq_and_its_transcript_even_without_autostart()
    {
        var speech = ScriptedSpeech.Build(["one two three four", "five six seven eight"]);
        using var harness = new SessionHarness(speech, autoStart: false);
        var path = WriteCutOff(harness, paused: false, torn: true);

        await harness.StartHostAsync();
        var ended = await harness.WaitForAsync(s => s.State == SessionStates.Idle && s.EndedAt is not null);

        ended.SessionId.ShouldBe(CutOffId);
        var restored = harness.Publisher.Restored.ShouldHaveSingleItem();
        restored.SessionId.ShouldBe(CutOffId);
        restored.Committed.Select(c => (c.Seq, c.Text)).ShouldBe([(1L, LinesBefore[0]), (2L, LinesBefore[1]), (3L, LinesBefore[2])]);
        var after = harness.Publisher.Committed;
        after.Count.ShouldBeGreaterThanOrEqualTo(2);
        harness.Publisher.Events.ShouldAllBe(e => e.SessionId == CutOffId);
        harness.Publisher.Events.Select(e => e.Seq).ShouldBe(Enumerable.Range(4, harness.Publisher.Events.Count).Select(i => (long)i), "seq goes on after the last line on disk");
        ended.CommittedLines.ShouldBe(3 + after.Count);
        harness.Publisher.Notices.Select(n => (n.SessionId, n.State)).ShouldBe(
            [(CutOffId, ViewerSessionStates.Starting), (CutOffId, ViewerSessionStates.Live), (CutOffId, ViewerSessionStates.Ended)]);

        Directory.GetFiles(harness.TranscriptDirectory).ShouldBe([path], "the same file goes on");
        var records = harness.TranscriptRecords();
        records.Select(r => r.GetProperty("type").GetString()).ShouldBe(
            ["session", "line", "line", "line", "restarted", .. after.Select(_ => "line"), "ended"], "the torn record is gone, and nothing else");
        records.Where(r => r.GetProperty("type").GetString() == "line").Select(r => (r.GetProperty("seq").GetInt64(), r.GetProperty("text").GetString()))
            .ShouldBe([.. restored.Committed.Select(c => (c.Seq, (string?)c.Text)), .. after.Select(c => (c.Seq, (string?)c.Text))]);
        after[0].StartMs.ShouldBeGreaterThanOrEqualTo(120_000, "times go on from the session's start, the outage included");
        await harness.StopHostAsync();
    }

    [Fact]
    public async Task A_session_paused_when_it_was_cut_off_comes_back_paused_and_resumes_on_the_volunteers_word()
    {
        var speech = ScriptedSpeech.Build(["one two three four"], pauseMs: 0);
        var source = new StallingSource(audio: speech.Audio);
        using var harness = new SessionHarness(speech, autoStart: true, sources: new SourceFactory(() => source));
        WriteCutOff(harness, paused: true, torn: false);

        await harness.StartHostAsync();
        await harness.Hosted.ExecuteTask!;

        var paused = harness.Controller.Current;
        paused.State.ShouldBe(SessionStates.Paused);
        paused.SessionId.ShouldBe(CutOffId);
        paused.CommittedLines.ShouldBe(3);
        source.Stalled.ShouldBeFalse("nothing is heard while paused");
        harness.Publisher.Events.ShouldBeEmpty();

        var resumed = await harness.Controller.ResumeSessionAsync(Token);
        resumed.State.ShouldBe(SessionStates.Live);
        resumed.SessionId.ShouldBe(CutOffId);
        await harness.Controller.StopSessionAsync(Token);

        harness.TranscriptRecords().Select(r => r.GetProperty("type").GetString())
            .ShouldBe(["session", "line", "line", "line", "paused", "restarted", "resumed", .. harness.Publisher.Committed.Select(_ => "line"), "ended"]);
        harness.Publisher.Committed.ShouldAllBe(c => c.Seq > 3);
        await harness.StopHostAsync();
    }

    [Fact]
    public async Task A_session_a_volunteer_stopped_is_not_resumed_and_autostart_makes_a_new_one()
    {
        var speech = ScriptedSpeech.Build(["one two three four"], pauseMs: 0);
        using var harness = new SessionHarness(speech, autoStart: true, sources: new SourceFactory(() => new StallingSource(audio: speech.Audio)));
        var path = WriteCutOff(harness, paused: false, torn: false);
        File.AppendAllText(path, $$"""{"type":"ended","at":"{{DateTimeOffset.UtcNow.AddSeconds(-20):O}}","reason":"stopped"}""" + "\n");
        var before = File.ReadAllText(path);

        await harness.StartHostAsync();
        var live = await harness.WaitForAsync(s => s.State == SessionStates.Live);

        live.SessionId.ShouldNotBe(CutOffId);
        live.CommittedLines.ShouldBe(0);
        harness.Publisher.Restored.ShouldBeEmpty();
        File.ReadAllText(path).ShouldBe(before);
        Directory.GetFiles(harness.TranscriptDirectory).Length.ShouldBe(2);
        harness.Logger.Messages(Microsoft.Extensions.Logging.LogLevel.Information)
            .ShouldContain($"No caption session to go on with: the last session {CutOffId} ended (stopped)");
        await harness.StopHostAsync();
    }

    [Fact]
    public async Task A_cut_off_session_that_cannot_go_on_for_want_of_a_model_is_ended_in_its_transcript_and_not_tried_again()
    {
        var speech = ScriptedSpeech.Build(["one two three four"], pauseMs: 0);
        var models = new FakeModelProvider(() => throw new InvalidOperationException("The model file is gone."));
        using var harness = new SessionHarness(speech, models: models, autoStart: false);
        var path = WriteCutOff(harness, paused: false, torn: true);

        await harness.StartHostAsync();
        await harness.Hosted.ExecuteTask!;

        var faulted = harness.Controller.Current;
        faulted.State.ShouldBe(SessionStates.Faulted);
        faulted.SessionId.ShouldBe(CutOffId);
        faulted.Error.ShouldBe("The model file is gone.");
        var records = harness.TranscriptRecords();
        records.Select(r => r.GetProperty("type").GetString()).ShouldBe(["session", "line", "line", "line", "ended"]);
        records[^1].GetProperty("reason").GetString().ShouldBe("faulted");
        ResumeDecision.Decide(harness.TranscriptDirectory, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(300)).Resume.ShouldBeFalse();
        Directory.GetFiles(harness.TranscriptDirectory).ShouldBe([path]);
        await harness.StopHostAsync();
    }

    /// <summary>
    /// The transcript a kill leaves: the session started two minutes ago, three lines, the last 20 s ago; paused after
    /// them, or with a record cut short at the end.
    /// </summary>
    private static string WriteCutOff(SessionHarness harness, bool paused, bool torn)
    {
        var now = DateTimeOffset.UtcNow;
        var startedAt = now.AddMinutes(-2);
        string path;
        using (var writer = TranscriptWriter.Create(harness.TranscriptDirectory, CutOffId, startedAt))
        {
            path = writer.Path;
            writer.Write(TranscriptRecord.Session(CutOffId, startedAt));
            for (var i = 0; i < LinesBefore.Length; i++)
            {
                writer.Write(TranscriptRecord.Line(i + 1, now.AddSeconds(-40 + (i * 10)), 70_000 + (i * 10_000), 72_000 + (i * 10_000), LinesBefore[i]));
            }

            if (paused)
            {
                writer.Write(TranscriptRecord.Pause(paused: true, now.AddSeconds(-19), 101_000));
            }
        }

        if (torn)
        {
            File.AppendAllText(path, """{"type":"line","seq":4,"startMs":100000,"endMs":1010""");
        }

        return path;
    }
}
