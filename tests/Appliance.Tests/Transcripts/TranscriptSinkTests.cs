using System.Text.Json;
using LiveStt.Appliance.Tests.Infrastructure;
using LiveStt.Appliance.Tests.Streaming;
using LiveStt.Appliance.Transcripts;
using Microsoft.Extensions.Time.Testing;

namespace LiveStt.Appliance.Tests.Transcripts;

/// <summary>A transcript on a real file system that fills up: nothing half-written, nothing lost that fits in the queue.</summary>
public sealed class TranscriptSinkTests : IDisposable
{
    private static readonly DateTimeOffset Started = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private readonly SmallTmpfs disk = SmallTmpfs.Mount(kib: 64);
    private readonly FakeTimeProvider time = new(Started);
    private readonly ListLogger logger = new();

    [Fact]
    public void Lines_the_full_disk_refuses_wait_and_are_written_in_order_once_it_has_room_again()
    {
        using var sink = Open(pendingLimit: 100);
        disk.Fill();
        var refused = AppendUntilRefused(sink);
        sink.Append(Line(refused + 1));
        sink.Append(Line(refused + 2));

        var full = sink.Status;
        full.Writing.ShouldBeFalse();
        full.Pending.ShouldBe(3);
        full.DroppedLines.ShouldBe(0);
        full.Error.ShouldNotBeNull().ShouldContain("No space left on device");
        Texts(sink.Path).ShouldBe(Enumerable.Range(1, refused - 1).Select(seq => $"line {seq}"), "only whole records are on the disk");

        disk.Free();
        time.Advance(TranscriptSink.RetryInterval);

        sink.Status.ShouldBe(new TranscriptStatus(sink.Path, Writing: true, Pending: 0, DroppedLines: 0, Error: null));
        Texts(sink.Path).ShouldBe(Enumerable.Range(1, refused + 2).Select(seq => $"line {seq}"));
        sink.Append(Line(refused + 3));
        Texts(sink.Path).ShouldBe(Enumerable.Range(1, refused + 3).Select(seq => $"line {seq}"));
        logger.Entries.Count(entry => entry.Id.Id == 1742).ShouldBe(1, "the failure is logged once, not per line");
        logger.Entries.Count(entry => entry.Id.Id == 1743).ShouldBe(1);
    }

    [Fact]
    public void Beyond_the_bound_lines_are_dropped_counted_and_marked_by_a_gap()
    {
        using var sink = Open(pendingLimit: 3);
        disk.Fill();
        var refused = AppendUntilRefused(sink);
        for (var seq = refused + 1; seq <= refused + 5; seq++)
        {
            sink.Append(Line(seq));
        }

        sink.Status.Pending.ShouldBe(3);
        sink.Status.DroppedLines.ShouldBe(3);
        disk.Free();
        sink.Append(Line(refused + 6));

        var expected = Enumerable.Range(1, refused + 2).Select(seq => $"line {seq}").Prepend("session")
            .Append("gap of 3 lines").Append($"line {refused + 6}");
        File.ReadAllLines(sink.Path).Select(line => JsonDocument.Parse(line).RootElement)
            .Select(record => record.GetProperty("type").GetString() switch
            {
                "line" => record.GetProperty("text").GetString(),
                "gap" => $"gap of {record.GetProperty("lines").GetInt64()} lines",
                var type => type,
            })
            .ShouldBe(expected);
        sink.Status.ShouldBe(new TranscriptStatus(sink.Path, Writing: true, Pending: 0, DroppedLines: 3, Error: null));
    }

    [Fact]
    public void A_quiet_open_session_keeps_its_file_marked_alive()
    {
        using var sink = Open(pendingLimit: 10);
        time.Advance(TimeSpan.FromMinutes(10));
        time.Advance(TranscriptSink.RetryInterval);

        File.GetLastWriteTimeUtc(sink.Path).ShouldBe(time.GetUtcNow().UtcDateTime);
    }

    public void Dispose() => disk.Dispose();

    private TranscriptSink Open(int pendingLimit)
    {
        var sink = new TranscriptSink(TranscriptWriter.Create(disk.Path, "1a2b3c4d", Started), pendingLimit, time, logger);
        sink.Append(TranscriptRecord.Session("1a2b3c4d", Started));
        return sink;
    }

    /// <summary>
    /// Appends lines 1, 2, ... until the disk refuses one (the file's last page may still hold a few); its seq.
    /// </summary>
    private int AppendUntilRefused(TranscriptSink sink)
    {
        for (var seq = 1; seq <= 1000; seq++)
        {
            sink.Append(Line(seq));
            if (!sink.Status.Writing)
            {
                return seq;
            }
        }

        throw new InvalidOperationException("the full disk took 1000 lines");
    }

    private TranscriptRecord Line(int seq) => TranscriptRecord.Line(seq, time.GetUtcNow(), seq * 1000, seq * 1000 + 900, $"line {seq}");

    private static List<string> Texts(string path) =>
        [.. File.ReadAllLines(path).Select(line => JsonDocument.Parse(line).RootElement)
            .Where(record => record.GetProperty("type").GetString() == "line")
            .Select(record => record.GetProperty("text").GetString()!)];
}
