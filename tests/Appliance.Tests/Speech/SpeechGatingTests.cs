using System.Text.Json;
using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Tests.Audio;
using LiveStt.Appliance.Tests.Infrastructure;
using LiveStt.Tests.Speech;

namespace LiveStt.Appliance.Tests.Speech;

/// <summary>
/// The appliance as a process, with the real whisper runtime and the real Silero model, on five minutes of what a
/// church's feed carries when nobody speaks: desk hiss, room noise at two levels and organ chords.
/// </summary>
public sealed class SpeechGatingTests(LiveInputFixture fixture) : IClassFixture<LiveInputFixture>
{
    private const int SampleRate = 16_000;
    private const long NoSpeechMs = 300_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Five_minutes_without_speech_are_never_decoded_and_nothing_is_committed()
    {
        var wav = Write("no-speech.wav", NoSpeech());
        var settings = fixture.Settings(("Audio__Path", wav), ("Audio__Loop", "false"), ("Audio__Pacing", "AsFastAsPossible"));
        await using var appliance = await ApplianceProcess.StartAsync(settings);

        var decodesSeen = new List<long>();
        var session = await appliance.WaitForSessionEndAsync(Patience, each => decodesSeen.Add(each.GetProperty("decodes").GetInt64()));

        session.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        decodesSeen.ShouldAllBe(decodes => decodes == 0, "no status ever showed a decode");
        session.GetProperty("decodes").GetInt64().ShouldBe(0);
        session.GetProperty("committedLines").GetInt64().ShouldBe(0);
        session.GetProperty("decodeMsP50").ValueKind.ShouldBe(JsonValueKind.Null);
        session.GetProperty("suppressed").ToString().ShouldBe("""{"noSpeech":0,"repetition":0,"blocklist":0,"compression":0,"silence":0}""");
        session.GetProperty("vad").GetProperty("model").GetString().ShouldBe(VadModelFile.FileName);
        LiveInputFixture.Transcripts(settings).Lines.ShouldBeEmpty();
    }

    [Fact]
    public async Task Speech_after_five_minutes_without_it_is_captioned_from_where_it_starts()
    {
        var speech = SpeechAudio.Load16kMono(SpeechCorpus.Clips().Single(clip => clip.Audio == "jfk/jfk.wav"));
        var wav = Write("speech-after-silence.wav", [.. NoSpeech(), .. speech, .. GapSounds.Hiss(2 * SampleRate, -70, seed: 9)]);
        var settings = fixture.Settings(("Audio__Path", wav), ("Audio__Loop", "false"), ("Audio__Pacing", "AsFastAsPossible"));
        await using var appliance = await ApplianceProcess.StartAsync(settings);

        var session = await appliance.WaitForSessionEndAsync(Patience);

        session.GetProperty("decodes").GetInt64().ShouldBeGreaterThan(0);
        session.GetProperty("committedLines").GetInt64().ShouldBeGreaterThan(0);
        var lines = LiveInputFixture.Transcripts(settings).Lines;
        lines.Count.ShouldBe((int)session.GetProperty("committedLines").GetInt64());

        // Nothing before the speech; the pre-roll (250 ms) may reach just in front of it.
        foreach (var line in lines)
        {
            line.StartMs.ShouldBeGreaterThanOrEqualTo(NoSpeechMs - 300, line.ToString());
        }
    }

    /// <summary>Desk hiss, room noise at -45 and -35 dBFS and organ chords, 75 s each.</summary>
    private static float[] NoSpeech()
    {
        var part = (int)(NoSpeechMs / 4 * SampleRate / 1000);
        return [.. GapSounds.Hiss(part, -70, seed: 1), .. GapSounds.Pink(part, -45, seed: 2), .. GapSounds.Pink(part, -35, seed: 3), .. GapSounds.Chords(part, -20, seed: 4)];
    }

    private string Write(string name, float[] samples)
    {
        var path = Path.Combine(fixture.Folder, name);
        File.WriteAllBytes(path, WavBuilder.Create(samples, SampleRate, 1, WavSampleEncoding.IeeeFloat, 32));
        return path;
    }
}
