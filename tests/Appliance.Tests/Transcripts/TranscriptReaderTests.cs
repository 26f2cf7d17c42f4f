using LiveStt.Appliance.Transcripts;

namespace LiveStt.Appliance.Tests.Transcripts;

/// <summary>What a kill leaves on disk is read back: every line before the torn one.</summary>
public sealed class TranscriptReaderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("livestt-transcripts-").FullName;

    [Fact]
    public void A_transcript_reads_back_as_written()
    {
        var path = TranscriptSamples.Write(directory, "0badcafe", [(0, 1500, "Welcome, everyone."), (1600, 4000, "Let us pray.")]);

        var transcript = TranscriptReader.Read(path).ShouldNotBeNull();

        transcript.Id.ShouldBe("0badcafe");
        transcript.StartedAt.ShouldBe(TranscriptSamples.StartedAt);
        transcript.EndedAt.ShouldBe(TranscriptSamples.StartedAt.AddMinutes(3));
        transcript.EndReason.ShouldBe("stopped");
        transcript.DurationMs.ShouldBe(180_000);
        transcript.Lines.Select(line => (line.Seq, line.StartMs, line.EndMs, line.Text)).ShouldBe([
            (1L, 0L, 1500L, "Welcome, everyone."),
            (2L, 1600L, 4000L, "Let us pray."),
        ]);
        transcript.Lines[0].CommittedAt.ShouldBe(TranscriptSamples.StartedAt.AddMilliseconds(2400));
    }

    [Fact]
    public void A_line_torn_by_a_kill_is_skipped_and_every_line_before_it_is_kept()
    {
        var path = TranscriptSamples.Write(directory, "0badcafe", [(0, 1500, "Welcome, \"everyone\"."), (1600, 4000, "Let us pray.")], ended: false);
        File.AppendAllText(path, """{"type":"line","seq":3,"startMs":4100,"endMs":59""");

        var transcript = TranscriptReader.Read(path).ShouldNotBeNull();

        transcript.EndedAt.ShouldBeNull();
        transcript.EndReason.ShouldBeNull();
        transcript.Lines.Select(line => line.Text).ShouldBe(["Welcome, \"everyone\".", "Let us pray."]);
        transcript.DurationMs.ShouldBe(4000);
    }

    [Fact]
    public void A_file_without_its_session_record_is_not_a_transcript()
    {
        var path = Path.Combine(directory, "20261206-095801-0badcafe.jsonl");
        File.WriteAllText(path, "not json\n[1,2]\n{\"type\":\"line\"}\n");

        TranscriptReader.Read(path).ShouldBeNull();
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
