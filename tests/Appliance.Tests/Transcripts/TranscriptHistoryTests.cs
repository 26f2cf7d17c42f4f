using LiveStt.Appliance.Tests.Infrastructure;
using LiveStt.Appliance.Tests.Streaming;
using LiveStt.Appliance.Transcripts;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveStt.Appliance.Tests.Transcripts;

/// <summary>A session's lines read back from its transcript file, and from the records still waiting for a full disk.</summary>
public sealed class TranscriptHistoryTests : IDisposable
{
    private const string Id = "1a2b3c4d";
    private readonly SmallTmpfs disk = SmallTmpfs.Mount(kib: 128);

    public void Dispose() => disk.Dispose();

    [Fact]
    public async Task Lines_after_a_seq_are_the_newest_that_fit_and_lines_before_it_the_nearest()
    {
        TranscriptSamples.Write(disk.Path, Id, Enumerable.Range(1, 10).Select(n => ((long)n * 1000, (long)n * 1000 + 900, $"line {n}")));
        using var history = new TranscriptHistory(Options(disk.Path), new OpenTranscripts());

        var after = await history.AfterAsync(Id, 3, 4, TestContext.Current.CancellationToken);
        var before = await history.BeforeAsync(Id, 5, 2, TestContext.Current.CancellationToken);
        var first = await history.BeforeAsync(Id, 3, 5, TestContext.Current.CancellationToken);

        after.Lines.Select(line => (line.SessionId, line.Seq, line.Text, line.StartMs, line.EndMs)).ShouldBe(
            [(Id, 7L, "line 7", 7000L, 7900L), (Id, 8L, "line 8", 8000L, 8900L), (Id, 9L, "line 9", 9000L, 9900L), (Id, 10L, "line 10", 10000L, 10900L)]);
        after.More.ShouldBeTrue();
        before.Lines.Select(line => line.Seq).ShouldBe([3L, 4L]);
        before.More.ShouldBeTrue();
        first.Lines.Select(line => line.Seq).ShouldBe([1L, 2L]);
        first.More.ShouldBeFalse();
    }

    [Fact]
    public async Task Lines_waiting_for_a_full_disk_are_read_with_the_file_and_each_once_after_they_are_written()
    {
        var open = new OpenTranscripts();
        using var history = new TranscriptHistory(Options(disk.Path), open);
        var time = new FakeTimeProvider(TranscriptSamples.StartedAt);
        using var sink = new TranscriptSink(TranscriptWriter.Create(disk.Path, Id, time.GetUtcNow()), 1000, time, new ListLogger());
        open.Add(Id, sink);
        sink.Append(TranscriptRecord.Session(Id, time.GetUtcNow()));
        var seq = 0;
        void Line() { seq++; sink.Append(TranscriptRecord.Line(seq, time.GetUtcNow(), seq * 1000, (seq * 1000) + 900, $"line {seq}")); }
        Line();
        disk.Fill();
        while (sink.Status.Writing)
        {
            Line();
        }

        for (var more = 0; more < 20; more++)
        {
            Line();
        }

        var waiting = await history.AfterAsync(Id, 0, 5000, TestContext.Current.CancellationToken);
        sink.Status.Pending.ShouldBe(21);
        disk.Free();
        Line();
        var written = await history.AfterAsync(Id, 0, 5000, TestContext.Current.CancellationToken);

        waiting.Lines.Select(line => line.Seq).ShouldBe(Enumerable.Range(1, seq - 1).Select(n => (long)n));
        written.Lines.Select(line => line.Seq).ShouldBe(Enumerable.Range(1, seq).Select(n => (long)n));
        sink.Status.Pending.ShouldBe(0);
        sink.Close();
        open.Find(Id).ShouldBeNull("a closed transcript has nothing waiting");
    }

    [Theory]
    [InlineData("../1a2b3c4d")]
    [InlineData("1A2B3C4D")]
    [InlineData("ffffffff")]
    public async Task A_malformed_or_unknown_id_has_no_lines(string id)
    {
        TranscriptSamples.Write(disk.Path, Id, [(0, 900, "line 1")]);
        using var history = new TranscriptHistory(Options(disk.Path), new OpenTranscripts());

        var page = await history.AfterAsync(id, 0, 10, TestContext.Current.CancellationToken);

        page.Lines.ShouldBeEmpty();
        page.More.ShouldBeFalse();
    }

    [Fact]
    public async Task With_transcripts_off_there_are_no_lines()
    {
        using var history = new TranscriptHistory(Options(""), new OpenTranscripts());

        (await history.BeforeAsync(Id, 100, 10, TestContext.Current.CancellationToken)).Lines.ShouldBeEmpty();
    }

    private static IOptions<TranscriptOptions> Options(string directory) =>
        Microsoft.Extensions.Options.Options.Create(new TranscriptOptions { Directory = directory });
}
