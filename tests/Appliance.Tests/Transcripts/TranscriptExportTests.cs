using LiveStt.Appliance.Transcripts;

namespace LiveStt.Appliance.Tests.Transcripts;

/// <summary>Subtitles a video editor or a player reads: in order, never overlapping, wrapped for reading.</summary>
public sealed class TranscriptExportTests
{
    [Fact]
    public void Srt_and_vtt_count_from_the_sessions_start_with_one_cue_a_line()
    {
        var transcript = TranscriptSamples.Document((1520, 4310, " The Lord is my shepherd."), (3_725_000, 3_727_250, "I shall not want."));

        TranscriptExport.ToSrt(transcript).ShouldBe(
            "1\n00:00:01,520 --> 00:00:04,310\nThe Lord is my shepherd.\n\n" +
            "2\n01:02:05,000 --> 01:02:07,250\nI shall not want.\n\n");
        TranscriptExport.ToVtt(transcript).ShouldBe(
            "WEBVTT\n\n" +
            "00:00:01.520 --> 00:00:04.310\nThe Lord is my shepherd.\n\n" +
            "01:02:05.000 --> 01:02:07.250\nI shall not want.\n\n");
        TranscriptExport.ToText(transcript).ShouldBe("[00:00:01] The Lord is my shepherd.\n[01:02:05] I shall not want.\n");
    }

    [Fact]
    public void A_long_line_is_wrapped_at_42_characters_two_rows_a_cue_its_time_shared_by_length()
    {
        const string Text = "He maketh me to lie down in green pastures: he leadeth me beside the still waters. He restoreth my soul.";
        var transcript = TranscriptSamples.Document((10_000, 20_400, Text));

        var cues = TranscriptExport.Cues(transcript);

        cues.Select(cue => string.Join("|", cue.Rows)).ShouldBe([
            "He maketh me to lie down in green|pastures: he leadeth me beside the still",
            "waters. He restoreth my soul.",
        ]);
        cues.SelectMany(cue => cue.Rows).ShouldAllBe(row => row.Length <= TranscriptExport.MaxRowLength);
        cues[0].StartMs.ShouldBe(10_000);
        cues[0].EndMs.ShouldBe(cues[1].StartMs);
        cues[0].EndMs.ShouldBe(10_000 + (10_400L * 73 / 102));
        cues[1].EndMs.ShouldBe(20_400);
    }

    [Fact]
    public void Cues_come_in_order_and_never_overlap_even_when_the_lines_do()
    {
        var transcript = TranscriptSamples.Document((5_000, 9_000, "second"), (1_000, 6_000, "first"), (7_000, 7_000, "third"), (8_000, 8_500, "   "));

        var cues = TranscriptExport.Cues(transcript);

        cues.Select(cue => (cue.StartMs, cue.EndMs, cue.Rows.Single())).ShouldBe([
            (1_000L, 6_000L, "first"),
            (6_000L, 9_000L, "second"),
            (9_000L, 10_000L, "third"),
        ]);
    }

    [Fact]
    public void A_word_longer_than_a_row_is_cut_and_an_arrow_cannot_start_a_cue()
    {
        TranscriptExport.Wrap(new string('a', 50) + " b").ShouldBe([new string('a', 42), "aaaaaaaa b"]);
        TranscriptExport.ToVtt(TranscriptSamples.Document((0, 1000, "now --> then")))
            .ShouldBe("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nnow -> then\n\n");
    }
}
