using LiveStt.Appliance.Transcripts;

namespace LiveStt.Appliance.Tests.Transcripts;

/// <summary>Whether a starting appliance goes on with the session it was running when it was cut off.</summary>
public sealed class ResumeDecisionTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(300);
    private static readonly DateTimeOffset Started = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private readonly string directory = Directory.CreateTempSubdirectory("livestt-resume-").FullName;

    [Fact]
    public void A_session_cut_off_within_the_window_goes_on_from_its_last_line()
    {
        var path = Write("1a2b3c4d", Started, lastAt: Started.AddMinutes(10), ["In the beginning", "was the Word", "and the Word was with God"]);

        var decision = ResumeDecision.Decide(directory, Started.AddMinutes(10).AddSeconds(299), Window);

        decision.Resume.ShouldBeTrue(decision.Reason);
        decision.Reason.ShouldBe("the last session 1a2b3c4d was cut off, last alive 299 s ago");
        var tail = decision.Transcript.ShouldNotBeNull();
        tail.Path.ShouldBe(path);
        tail.SessionId.ShouldBe("1a2b3c4d");
        tail.StartedAt.ShouldBe(Started);
        tail.LastSeq.ShouldBe(3);
        tail.Lines.Select(line => line.Text).ShouldBe(["In the beginning", "was the Word", "and the Word was with God"]);
        tail.Paused.ShouldBeFalse();
        tail.TornBytes.ShouldBe(0);
        tail.CompleteLength.ShouldBe(new FileInfo(path).Length);
    }

    [Fact]
    public void A_session_last_alive_longer_ago_than_the_window_is_not_resumed()
    {
        Write("1a2b3c4d", Started, lastAt: Started.AddMinutes(10), ["In the beginning"]);

        var decision = ResumeDecision.Decide(directory, Started.AddMinutes(10).AddSeconds(301), Window);

        decision.Resume.ShouldBeFalse();
        decision.Reason.ShouldBe("the last session 1a2b3c4d was last alive 301 s ago, longer than the 300 s to resume within");
    }

    [Fact]
    public void The_files_last_write_time_counts_as_a_sign_of_life_through_a_quiet_stretch()
    {
        // No line for 20 minutes (an organ voluntary), but the open session kept its file's time fresh.
        var path = Write("1a2b3c4d", Started, lastAt: Started.AddMinutes(1), ["In the beginning"]);
        File.SetLastWriteTimeUtc(path, Started.AddMinutes(21).UtcDateTime);

        var decision = ResumeDecision.Decide(directory, Started.AddMinutes(22), Window);

        decision.Resume.ShouldBeTrue(decision.Reason);
        decision.Transcript!.LastActiveAt.ShouldBe(Started.AddMinutes(21));
    }

    [Theory]
    [InlineData(TranscriptFormat.EndStopped)]
    [InlineData(TranscriptFormat.EndAudioEnded)]
    [InlineData(TranscriptFormat.EndFaulted)]
    public void A_session_that_ended_is_never_resumed(string reason)
    {
        Write("1a2b3c4d", Started, lastAt: Started.AddMinutes(10), ["In the beginning"], end: reason);

        var decision = ResumeDecision.Decide(directory, Started.AddMinutes(10).AddSeconds(5), Window);

        decision.Resume.ShouldBeFalse();
        decision.Reason.ShouldBe($"the last session 1a2b3c4d ended ({reason})");
    }

    [Fact]
    public void A_session_ended_by_a_shutdown_goes_on_as_after_a_kill()
    {
        // docker stop, a reboot, an update: nobody asked for the captions to stop.
        Write("1a2b3c4d", Started, lastAt: Started.AddMinutes(10), ["In the beginning"], end: TranscriptFormat.EndShutdown);

        var decision = ResumeDecision.Decide(directory, Started.AddMinutes(10).AddSeconds(20), Window);

        decision.Resume.ShouldBeTrue(decision.Reason);
        decision.Transcript!.EndReason.ShouldBe(TranscriptFormat.EndShutdown);
    }

    [Fact]
    public void A_record_cut_short_by_the_kill_is_left_out_and_taken_off_before_the_session_goes_on()
    {
        var path = Write("1a2b3c4d", Started, lastAt: Started.AddMinutes(10), ["In the beginning", "was the Word"]);
        var whole = new FileInfo(path).Length;
        const string Torn = """{"type":"line","seq":3,"startMs":9100,"endMs":9800,"committedAt":"2026-12-06T10:10:0""";
        File.AppendAllText(path, Torn);
        File.SetLastWriteTimeUtc(path, Started.AddMinutes(10).UtcDateTime);

        var decision = ResumeDecision.Decide(directory, Started.AddMinutes(11), Window);

        var tail = decision.Transcript.ShouldNotBeNull(decision.Reason);
        tail.LastSeq.ShouldBe(2);
        tail.CompleteLength.ShouldBe(whole);
        tail.TornBytes.ShouldBe(Torn.Length);
        using (var writer = TranscriptWriter.Reopen(tail.Path, tail.CompleteLength))
        {
            writer.Write(TranscriptRecord.Restarted(Started.AddMinutes(11), 660_000));
            writer.Write(TranscriptRecord.Line(3, Started.AddMinutes(11).AddSeconds(4), 661_000, 663_000, "and the Word was with God"));
        }

        var document = TranscriptReader.Read(path).ShouldNotBeNull();
        document.Lines.Select(line => (line.Seq, line.Text)).ShouldBe([(1L, "In the beginning"), (2L, "was the Word"), (3L, "and the Word was with God")]);
        document.EndedAt.ShouldBeNull();
        File.ReadAllLines(path).Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("type").GetString())
            .ShouldBe(["session", "line", "line", "restarted", "line"]);
    }

    [Fact]
    public void A_session_paused_when_it_was_cut_off_comes_back_paused()
    {
        var path = Write("1a2b3c4d", Started, lastAt: Started.AddMinutes(10), ["In the beginning"]);
        using (var writer = TranscriptWriter.Reopen(path, new FileInfo(path).Length))
        {
            writer.Write(TranscriptRecord.Pause(paused: true, Started.AddMinutes(11), 660_000));
        }
        // The file's time as the pause record left it, on the test's clock rather than the machine's.
        File.SetLastWriteTimeUtc(path, Started.AddMinutes(11).UtcDateTime);

        var decision = ResumeDecision.Decide(directory, Started.AddMinutes(12), Window);

        decision.Transcript.ShouldNotBeNull(decision.Reason).Paused.ShouldBeTrue();
    }

    [Fact]
    public void Only_the_newest_transcript_counts()
    {
        Write("0a0a0a0a", Started, lastAt: Started.AddMinutes(10), ["cut off long ago"]);
        Write("1a2b3c4d", Started.AddMinutes(20), lastAt: Started.AddMinutes(30), ["In the beginning"], end: TranscriptFormat.EndStopped);

        var decision = ResumeDecision.Decide(directory, Started.AddMinutes(10).AddSeconds(30), Window);

        decision.Resume.ShouldBeFalse();
        decision.Reason.ShouldBe("the last session 1a2b3c4d ended (stopped)");
    }

    [Fact]
    public void A_zero_window_turns_resuming_off_and_an_empty_folder_has_nothing_to_resume()
    {
        ResumeDecision.Decide(directory, Started, Window).Reason.ShouldBe("there is no earlier session");
        Write("1a2b3c4d", Started, lastAt: Started.AddMinutes(10), ["In the beginning"]);
        var off = ResumeDecision.Decide(directory, Started.AddMinutes(10), TimeSpan.Zero);
        off.Resume.ShouldBeFalse();
        off.Reason.ShouldBe("resuming is off");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>A session's transcript as the appliance leaves it, its lines committed up to <paramref name="lastAt"/>, and that as its file's time.</summary>
    private string Write(string id, DateTimeOffset startedAt, DateTimeOffset lastAt, string[] lines, string? end = null)
    {
        string path;
        using (var writer = TranscriptWriter.Create(directory, id, startedAt))
        {
            path = writer.Path;
            writer.Write(TranscriptRecord.Session(id, startedAt));
            for (var i = 0; i < lines.Length; i++)
            {
                var at = lines.Length == 1 ? lastAt : startedAt + ((lastAt - startedAt) * i / (lines.Length - 1));
                var ms = (long)(at - startedAt).TotalMilliseconds;
                writer.Write(TranscriptRecord.Line(i + 1, at, Math.Max(0, ms - 2000), ms, lines[i]));
            }

            if (end is not null)
            {
                writer.Write(TranscriptRecord.End(lastAt, end));
            }
        }

        File.SetLastWriteTimeUtc(path, lastAt.UtcDateTime);
        return path;
    }
}
