using System.Text.Json;
using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Tests.Audio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>A session's life through the controller: from the host's start to its end, faults, and what status shows.</summary>
public sealed class CaptionSessionControllerTests
{
    private readonly ScriptedSpeech speech = ScriptedSpeech.Build(["one two three four", "five six seven"]);

    [Fact]
    public async Task A_session_captions_a_wav_file_to_its_end_then_goes_idle_keeping_the_model_loaded()
    {
        var transcriber = new ScriptedTranscriber(speech);
        ScriptedTranscriber Load(string _) => transcriber;
        using var harness = new SessionHarness(speech, runtime: new FakeWhisperRuntime(Load));
        harness.Controller.Current.State.ShouldBe(SessionStates.Idle);

        await harness.StartHostAsync();
        var final = await harness.WaitForAsync(s => s.State == SessionStates.Idle && s.SessionId is not null);

        final.Error.ShouldBeNull();
        final.Source.ShouldBe($"wav:{harness.WavPath}");
        final.StartedAt.ShouldNotBeNull();
        final.EndedAt.ShouldNotBeNull();
        final.DroppedAudioMs.ShouldBe(0);
        harness.Runtime.LoadedPaths.ShouldBe([SessionHarness.Model.Path]);
        transcriber.Disposed.ShouldBeFalse("the model stays loaded for the next session");

        var publisher = harness.Publisher;
        publisher.ShouldBeWellFormed(final.SessionId!);
        publisher.CommittedText.ShouldBe(speech.Text);
        final.CommittedLines.ShouldBe(publisher.Committed.Count);
        publisher.Notices.Select(n => n.State).ShouldBe([ViewerSessionStates.Starting, ViewerSessionStates.Live, ViewerSessionStates.Ended]);
        publisher.Notices.ShouldAllBe(n => n.SessionId == final.SessionId);

        var transcript = Directory.GetFiles(harness.TranscriptDirectory).ShouldHaveSingleItem();
        Path.GetFileName(transcript).ShouldEndWith($"-{final.SessionId}.jsonl");
        var records = harness.TranscriptRecords();
        records[0].GetProperty("type").GetString().ShouldBe("session");
        records[0].GetProperty("sessionId").GetString().ShouldBe(final.SessionId);
        var lines = records.Where(r => r.GetProperty("type").GetString() == "line").ToList();
        lines.Select(l => l.GetProperty("text").GetString()).ShouldBe(publisher.Committed.Select(c => c.Text));
        lines.Select(l => l.GetProperty("seq").GetInt64()).ShouldBe(publisher.Committed.Select(c => c.Seq));
        records[^1].GetProperty("type").GetString().ShouldBe("ended");
        records[^1].GetProperty("reason").GetString().ShouldBe("audio-ended");
        harness.Logger.Messages(LogLevel.Information).ShouldContain(m => m.Contains("ended with its audio"));

        harness.Hosted.Dispose();
        transcriber.Disposed.ShouldBeTrue("the model is unloaded with the host");
    }

    [Fact]
    public async Task A_missing_model_faults_the_session_and_leaves_the_host_running()
    {
        var models = new FakeModelProvider(() => throw new InvalidOperationException("Model 'base.en' is not cached and could not be downloaded."));
        using var harness = new SessionHarness(speech, models: models);

        await harness.StartHostAsync();
        var final = await harness.WaitForAsync(s => s.State == SessionStates.Faulted);

        final.Error.ShouldBe("Model 'base.en' is not cached and could not be downloaded.");
        harness.Logger.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Message.Contains("faulted"));
        await harness.Hosted.ExecuteTask!;
        harness.Hosted.ExecuteTask!.IsCompletedSuccessfully.ShouldBeTrue("a fault must not stop the host");
        harness.Publisher.Notices[^1].State.ShouldBe(ViewerSessionStates.Unavailable);
        await harness.StopHostAsync();
    }

    [Fact]
    public async Task A_whisper_error_faults_the_session_with_its_message_and_a_start_after_it_works()
    {
        var failing = true;
        var transcriber = new ScriptedTranscriber(speech)
        {
            BeforeDecode = _ =>
            {
                if (Volatile.Read(ref failing))
                {
                    throw new InvalidOperationException("whisper_full failed with code -6");
                }
            },
        };
        using var harness = new SessionHarness(speech, runtime: new FakeWhisperRuntime(_ => transcriber));

        await harness.StartHostAsync();
        var faulted = await harness.WaitForAsync(s => s.State == SessionStates.Faulted);

        faulted.Error.ShouldBe("whisper failed 5 decodes in a row; the last: whisper_full failed with code -6");
        harness.TranscriptRecords()[^1].GetProperty("reason").GetString().ShouldBe("faulted");
        Volatile.Write(ref failing, false);
        var next = await harness.Controller.StartSessionAsync(TestContext.Current.CancellationToken);
        next.SessionId.ShouldNotBe(faulted.SessionId);
        next.Error.ShouldBeNull();
        (await harness.WaitForAsync(s => s.State == SessionStates.Idle)).CommittedLines.ShouldBeGreaterThan(0);
        harness.Runtime.LoadedPaths.Count.ShouldBe(1, "the model that decoded before the fault is the one used after it");
    }

    [Fact]
    public async Task A_model_that_will_not_load_faults_the_session()
    {
        using var harness = new SessionHarness(speech, runtime: new FakeWhisperRuntime(_ => throw new DllNotFoundException("libwhisper.so.1 cannot be loaded")));

        await harness.StartHostAsync();

        (await harness.WaitForAsync(s => s.State == SessionStates.Faulted)).Error.ShouldBe("libwhisper.so.1 cannot be loaded");
    }

    [Fact]
    public async Task An_unreadable_audio_file_faults_the_session_with_a_clear_reason()
    {
        var directory = Directory.CreateTempSubdirectory("livestt-broken-").FullName;
        try
        {
            var broken = Path.Combine(directory, "broken.wav");
            await File.WriteAllBytesAsync(broken, "RIFF\0\0\0\0WAVEfmt "u8.ToArray(), TestContext.Current.CancellationToken);
            using var harness = new SessionHarness(speech, audioPath: broken);

            await harness.StartHostAsync();

            (await harness.WaitForAsync(s => s.State == SessionStates.Faulted)).Error
                .ShouldBe($"'{broken}' cannot be played: It is not a WAV file that can be read: Invalid WAV file - No fmt chunk found.");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Without_auto_start_the_model_is_loaded_at_start_up_and_no_session_starts()
    {
        using var harness = new SessionHarness(speech, autoStart: false);

        await harness.StartHostAsync();
        await harness.Hosted.ExecuteTask!;

        harness.Controller.Current.State.ShouldBe(SessionStates.Idle);
        harness.Controller.Current.SessionId.ShouldBeNull();
        harness.Models.Calls.ShouldBe(1);
        harness.Runtime.LoadedPaths.ShouldBe([SessionHarness.Model.Path]);
        Directory.Exists(harness.TranscriptDirectory).ShouldBeFalse("no session, no transcript");
        harness.Logger.Messages(LogLevel.Information).ShouldContain(m => m.Contains("Streaming:AutoStart is off"));
    }

    [Fact]
    public async Task Without_auto_start_a_model_that_cannot_load_shows_as_a_fault_before_anyone_taps_start()
    {
        var models = new FakeModelProvider(() => throw new InvalidOperationException("Model 'base.en' is not cached and could not be downloaded."));
        using var harness = new SessionHarness(speech, models: models, autoStart: false);

        await harness.StartHostAsync();
        await harness.Hosted.ExecuteTask!;

        harness.Controller.Current.State.ShouldBe(SessionStates.Faulted);
        harness.Controller.Current.Error.ShouldBe("Model 'base.en' is not cached and could not be downloaded.");
        harness.Controller.Current.SessionId.ShouldBeNull();
        harness.Publisher.Notices.ShouldHaveSingleItem().State.ShouldBe(ViewerSessionStates.Unavailable);
    }

    [Fact]
    public async Task Stopping_the_host_ends_a_live_session_and_cancels_a_decode_that_will_not_finish()
    {
        var decodes = 0;
        var sawCancellation = false;
        var transcriber = new ScriptedTranscriber(speech)
        {
            // Some decodes go through; then one is still running when the host stops, and never finishes by itself.
            BeforeDecode = token =>
            {
                if (Interlocked.Increment(ref decodes) > 8)
                {
                    sawCancellation = token.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
                }
            },
        };
        using var harness = new SessionHarness(speech, runtime: new FakeWhisperRuntime(_ => transcriber), loop: true);
        await harness.StartHostAsync();
        await harness.WaitForAsync(s => s.State == SessionStates.Live && Volatile.Read(ref decodes) > 8);

        await harness.StopHostAsync();

        sawCancellation.ShouldBeTrue("the decode in progress was cancelled once the shutdown's grace ran out");
        var current = harness.Controller.Current;
        current.State.ShouldBe(SessionStates.Idle);
        current.Error.ShouldBeNull();
        current.CommittedLines.ShouldBeGreaterThan(0);
        harness.TranscriptRecords()[^1].GetProperty("reason").GetString().ShouldBe("shutdown");
        harness.Logger.Messages(LogLevel.Information).ShouldContain(m => m.Contains("stopped"));
    }

    [Fact]
    public async Task The_snapshot_reports_audio_alive_only_while_frames_keep_arriving()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var source = new StallingSource(frames: 15);
        using var harness = new SessionHarness(speech, time: time, sources: new SourceFactory(() => source));

        await harness.StartHostAsync();
        // The source stalls once its frames are in the queue; the pipeline notes each as it takes it, a moment later,
        // and the clock stands still until the test moves it, so the session reads alive from then on.
        var live = await harness.WaitForAsync(s => s.State == SessionStates.Live && source.Stalled && s.AudioAlive);

        live.StartedAt.ShouldBe(time.GetUtcNow());
        live.Source.ShouldBe("stalling");
        time.Advance(TimeSpan.FromSeconds(3));
        harness.Controller.Current.AudioAlive.ShouldBeFalse("no frame for 3 s");
        harness.Controller.Current.State.ShouldBe(SessionStates.Live);

        await harness.StopHostAsync();
        harness.Controller.Current.AudioAlive.ShouldBeFalse();
    }

    [Fact]
    public void Registration_shares_one_controller_between_the_state_the_commands_and_the_hosted_service()
    {
        using var harness = new SessionHarness(speech);

        var state = harness.Services.GetRequiredService<ICaptionSessionState>();

        harness.Services.GetServices<IHostedService>().ShouldContain(hosted => ReferenceEquals(hosted, state));
        harness.Services.GetRequiredService<ISessionController>().ShouldBeSameAs(state);
    }

    [Fact]
    public void Streaming_defaults_are_valid_and_as_documented()
    {
        var options = new StreamingOptions();

        new StreamingOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
        options.StepMs.ShouldBe(1000);
        options.MaxWindowSeconds.ShouldBe(30);
        options.MinWindowMs.ShouldBe(1000);
        options.MinSilenceMs.ShouldBe(500);
        options.MaxTokensPerSecond.ShouldBe(8);
        options.AudioQueueCapacity.ShouldBe(100);
        options.AutoStart.ShouldBeTrue();
        options.ResumeWindowSeconds.ShouldBe(300);
    }

    [Fact]
    public void Every_invalid_streaming_setting_is_reported_at_once()
    {
        using var harness = new SessionHarness(speech, extra: new Dictionary<string, string?>
        {
            ["Streaming:MaxWindowSeconds"] = "31",
            ["Streaming:StepMs"] = "50",
            ["Streaming:MinWindowMs"] = "-1",
            ["Streaming:MinSilenceMs"] = "20",
            ["Streaming:MaxTokensPerSecond"] = "0",
            ["Streaming:AudioQueueCapacity"] = "0",
            ["Streaming:ResumeWindowSeconds"] = "3601",
        });

        var error = Should.Throw<OptionsValidationException>(() => harness.Services.GetRequiredService<IOptions<StreamingOptions>>().Value);

        error.Failures.Count().ShouldBe(7);
        error.Message.ShouldContain("Streaming:MaxWindowSeconds must be between 1 and 30; it is 31");
        error.Message.ShouldContain("Streaming:ResumeWindowSeconds must be between 0 (never resume) and 3600; it is 3601.");
    }
}
