using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Tests.Streaming;
using LiveStt.Appliance.Transcription;
using Microsoft.Extensions.Logging;

namespace LiveStt.Appliance.Tests.Faults;

/// <summary>
/// whisper failing part-way through a session (a decode that throws, a native call that fails): the session keeps
/// running, the failure is counted and shown, and the captions after it are the ones a session without it gives.
/// </summary>
public sealed class DecodeFailureTests
{
    private const string NativeFailure = "whisper_full failed with code -6 on 48000 samples: failed to encode";

    private readonly ScriptedSpeech speech = ScriptedSpeech.Build(["one two three four", "five six seven", "eight nine ten"]);

    [Fact]
    public async Task A_decode_that_fails_is_counted_and_shown_and_no_word_is_lost()
    {
        var decode = 0;
        var transcriber = new ScriptedTranscriber(speech)
        {
            BeforeDecode = _ =>
            {
                if (Interlocked.Increment(ref decode) == 3)
                {
                    throw new WhisperTranscriptionException(NativeFailure);
                }
            },
        };
        using var harness = new SessionHarness(speech, runtime: new FakeWhisperRuntime(_ => transcriber));

        await harness.StartHostAsync();
        var final = await harness.WaitForAsync(s => s.State == SessionStates.Idle && s.SessionId is not null);

        final.Error.ShouldBeNull();
        final.DecodeFailures.ShouldBe(1);
        final.LastDecodeError.ShouldBe(NativeFailure);
        final.Decodes.ShouldBe(transcriber.Decodes.Count, "a failed decode is not counted as a decode");
        harness.Publisher.ShouldBeWellFormed(final.SessionId!);
        harness.Publisher.CommittedText.ShouldBe("one two three four five six seven eight nine ten");
        var lines = harness.TranscriptRecords().Where(r => r.GetProperty("type").GetString() == "line").ToList();
        lines.Select(l => l.GetProperty("text").GetString()).ShouldBe(harness.Publisher.Committed.Select(c => c.Text));
        harness.TranscriptRecords()[^1].GetProperty("reason").GetString().ShouldBe("audio-ended");
        var warning = harness.Logger.Entries.Where(e => e.Id.Id == 1608).ShouldHaveSingleItem();
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Message.ShouldEndWith($"failed (1 in a row); the window is decoded again at the next step: {NativeFailure}");
    }

    [Fact]
    public async Task Failures_that_are_not_in_a_row_never_fault_the_session()
    {
        string[] utterances = ["one two three", "four five six", "seven eight nine", "ten eleven twelve", "thirteen fourteen fifteen", "sixteen seventeen eighteen"];
        var speech = ScriptedSpeech.Build(utterances);
        var decode = 0;
        var transcriber = new ScriptedTranscriber(speech)
        {
            // Every other decode fails: many failures, never two in a row.
            BeforeDecode = _ =>
            {
                if (Interlocked.Increment(ref decode) % 2 == 0)
                {
                    throw new InvalidOperationException(NativeFailure);
                }
            },
        };
        using var harness = new SessionHarness(speech, runtime: new FakeWhisperRuntime(_ => transcriber));

        await harness.StartHostAsync();
        var final = await harness.WaitForAsync(s => s.State == SessionStates.Idle && s.SessionId is not null);

        final.Error.ShouldBeNull();
        final.DecodeFailures.ShouldBe(Volatile.Read(ref decode) / 2);
        final.DecodeFailures.ShouldBeGreaterThan(DecodeAttempts.MaxConsecutiveFailures);
        harness.Publisher.CommittedText.ShouldBe(string.Join(' ', utterances));
    }

    [Fact]
    public async Task Whisper_failing_every_decode_faults_the_session_after_five_in_a_row_keeping_what_was_committed()
    {
        var failing = false;
        var transcriber = new ScriptedTranscriber(speech)
        {
            BeforeDecode = _ =>
            {
                if (Volatile.Read(ref failing))
                {
                    throw new WhisperTranscriptionException(NativeFailure);
                }
            },
        };
        using var harness = new SessionHarness(speech, runtime: new FakeWhisperRuntime(_ => transcriber), loop: true);
        await harness.StartHostAsync();
        await harness.WaitForAsync(s => s.CommittedLines >= 2);

        Volatile.Write(ref failing, true);
        var faulted = await harness.WaitForAsync(s => s.State == SessionStates.Faulted);

        faulted.Error.ShouldBe($"whisper failed 5 decodes in a row; the last: {NativeFailure}");
        faulted.DecodeFailures.ShouldBe(DecodeAttempts.MaxConsecutiveFailures);
        var records = harness.TranscriptRecords();
        records[^1].GetProperty("reason").GetString().ShouldBe("faulted");
        records.Where(r => r.GetProperty("type").GetString() == "line").Select(l => l.GetProperty("text").GetString())
            .ShouldBe(harness.Publisher.Committed.Select(c => c.Text), "every line committed before the fault is in the transcript");
        harness.Publisher.Committed.Count.ShouldBeGreaterThanOrEqualTo(2);
        await harness.StopHostAsync();
    }
}
