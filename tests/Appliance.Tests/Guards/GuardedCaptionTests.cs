using LiveStt.Appliance.Tests.Audio;
using LiveStt.Appliance.Tests.Infrastructure;
using LiveStt.ModelGenerator;

namespace LiveStt.Appliance.Tests.Guards;

/// <summary>
/// The appliance as a process, with the real whisper runtime and Silero model, running models that can only say one
/// thing (every text token decodes to the same phrase), heard by a phone over SignalR, with every guard on.
/// </summary>
public sealed class GuardedCaptionTests(LiveInputFixture fixture) : IClassFixture<LiveInputFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_model_that_only_says_thank_you_for_watching_reaches_no_phone_and_no_transcript()
    {
        var (appliance, phone, settings) = await StartAsync(" Thank you for watching.");
        await using (appliance)
        await using (phone)
        {
            var session = await appliance.WaitForSessionEndAsync(Patience);

            phone.Received.Where(caption => caption.Text.Length > 0).ShouldBeEmpty();
            LiveInputFixture.Transcripts(settings).Lines.ShouldBeEmpty();
            session.GetProperty("committedLines").GetInt64().ShouldBe(0);
            session.GetProperty("decodes").GetInt64().ShouldBeGreaterThan(0);
            session.GetProperty("suppressed").GetProperty("blocklist").GetInt64().ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public async Task A_model_that_loops_one_phrase_never_shows_it_three_times_in_a_row_or_the_same_line_twice()
    {
        const string Phrase = "praise the lord";
        var (appliance, phone, settings) = await StartAsync(" praise the lord");
        await using (appliance)
        await using (phone)
        {
            var session = await appliance.WaitForSessionEndAsync(Patience);

            session.GetProperty("suppressed").GetProperty("repetition").GetInt64().ShouldBeGreaterThan(0);
            var lines = LiveInputFixture.Transcripts(settings).Texts;
            phone.Committed.Select(caption => caption.Text).ShouldBe(lines, "the phone and the transcript got the same lines");
            foreach (var caption in phone.Received.Where(caption => caption.Text.Length > 0))
            {
                Occurrences(caption.Text, Phrase).ShouldBeLessThanOrEqualTo(2, caption.Text);
            }

            lines.Distinct(StringComparer.Ordinal).Count().ShouldBe(lines.Count, string.Join(" | ", lines));
        }
    }

    private async Task<(ApplianceProcess Appliance, LiveCaptionClient Phone, Dictionary<string, string> Settings)> StartAsync(string tokenText)
    {
        var model = RandomWhisperModel.Write(Path.Combine(fixture.Folder, $"ggml-micro-{tokenText.GetHashCode(StringComparison.Ordinal):x8}.bin"), WhisperModelShape.Micro, seed: 3, tokenText).FullName;

        // Without its demo marker the model is treated as a site's own: a demo model's looping text is let through.
        File.Delete(model + RandomWhisperModel.DemoMarkerSuffix);
        var settings = fixture.Settings(
            ("Models__Path", model),
            ("Audio__Path", LiveInputFixture.Speech),
            ("Audio__Loop", "false"),
            ("Audio__Pacing", "RealTime"),
            ("Guards__RepetitionEnabled", "true"),
            ("Guards__CompressionEnabled", "true"),
            ("Guards__NoSpeechEnabled", "true"),

            // Random weights fail every confidence check: a decode at each fallback temperature would only cost time.
            ("Whisper__TemperatureIncrement", "0"));
        var appliance = await ApplianceProcess.StartAsync(settings);
        try
        {
            return (appliance, await LiveCaptionClient.ConnectAsync(appliance), settings);
        }
        catch
        {
            await appliance.DisposeAsync();
            throw;
        }
    }

    private static int Occurrences(string text, string phrase)
    {
        var count = 0;
        for (var at = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(phrase, at + phrase.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }
}
