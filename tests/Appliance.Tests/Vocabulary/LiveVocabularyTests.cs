using System.Text.RegularExpressions;
using LiveStt.Appliance.Tests.Audio;
using LiveStt.Appliance.Tests.Infrastructure;
using LiveStt.ModelGenerator;

namespace LiveStt.Appliance.Tests.Vocabulary;

/// <summary>
/// The site's vocabulary in a live session of the appliance as a process (real whisper runtime and Silero model): a
/// model that can only say "amazing grace" is spelled the site's way on the phone and in the transcript, a broken rule
/// is reported and skipped, and an edited file is picked up without restarting anything.
/// </summary>
public sealed class LiveVocabularyTests(LiveInputFixture fixture) : IClassFixture<LiveInputFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Replacements_reach_the_phone_and_the_transcript_and_an_edited_file_is_used_by_the_running_session()
    {
        var model = RandomWhisperModel.Write(Path.Combine(fixture.Folder, "ggml-micro-amazing-grace.bin"), WhisperModelShape.Micro, seed: 3, " amazing grace").FullName;
        var vocabularyPath = Path.Combine(fixture.Folder, $"vocabulary-{Guid.NewGuid():N}.json");
        File.WriteAllText(vocabularyPath, """
            { "glossary": ["Habakkuk"],
              "replacements": [ { "find": "amazing grace", "replace": "Amazing Grace" },
                                { "pattern": "([", "replace": "x" } ] }
            """);
        var settings = fixture.Settings(
            ("Models__Path", model),
            ("Audio__Path", LiveInputFixture.Speech),
            ("Audio__Loop", "true"),
            ("Audio__Pacing", "RealTime"),
            ("Vocabulary__Path", vocabularyPath),
            ("Vocabulary__ReloadIntervalMs", "200"));
        await using var appliance = await ApplianceProcess.StartAsync(settings);
        await using var phone = await LiveCaptionClient.ConnectAsync(appliance);

        var vocabulary = (await appliance.StatusAsync()).GetProperty("vocabulary");
        vocabulary.GetProperty("rules").GetInt32().ShouldBe(1);
        vocabulary.GetProperty("glossaryEntries").GetInt32().ShouldBe(1);
        var problem = vocabulary.GetProperty("problems").EnumerateArray().ShouldHaveSingleItem().GetString();
        problem.ShouldNotBeNull().ShouldStartWith("replacements[1]:");

        var first = await phone.WaitForCommittedAsync(Patience);
        first.Text.ShouldMatch(Repeated("Amazing Grace"));
        LiveInputFixture.Transcripts(settings).Texts.ShouldContain(first.Text);

        File.WriteAllText(vocabularyPath + ".new", """
            { "replacements": [ { "find": "amazing grace", "replace": "Amazing grace, how sweet the sound" } ] }
            """);
        File.Move(vocabularyPath + ".new", vocabularyPath, overwrite: true);
        await appliance.WaitForStatusAsync(
            status => status.GetProperty("vocabulary").GetProperty("problems").GetArrayLength() == 0,
            Patience,
            "the edited vocabulary to be loaded");
        var changedAt = phone.Received.Max(caption => caption.Seq);

        var next = await phone.WaitForCommittedAsync(Patience, afterSeq: changedAt);
        next.Text.ShouldMatch(Repeated("Amazing grace, how sweet the sound"));
        LiveInputFixture.Transcripts(settings).Texts.ShouldContain(next.Text);
        (await appliance.StatusAsync()).GetProperty("session").GetProperty("state").GetString().ShouldBe("live", "the session ran on through the edit");
    }

    /// <summary>A line made of <paramref name="text"/> once or more, with spaces between.</summary>
    private static string Repeated(string text) => $"^{Regex.Escape(text)}( {Regex.Escape(text)})*$";
}
