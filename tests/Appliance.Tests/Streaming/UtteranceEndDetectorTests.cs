using LiveStt.Tests.Speech;
using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Tests.Audio;

namespace LiveStt.Appliance.Tests.Streaming;

public sealed class UtteranceEndDetectorTests
{
    [Fact]
    public void A_pause_after_speech_ends_the_utterance_where_the_speech_stopped()
    {
        var audio = Concat(Silence(300), Tone(1_000), Silence(700), Tone(500), Silence(100));
        var detector = new UtteranceEndDetector(silenceThresholdDbfs: -45, minSilenceMs: 500);
        var ends = new List<long>();

        detector.Process(audio, ends);

        ends.ShouldBe([1_300 * 16L]);
        detector.InUtterance.ShouldBeTrue("the second tone has no pause after it yet");
        detector.HasSpeechSince(1_900 * 16).ShouldBeTrue();
    }

    [Fact]
    public void Chunking_does_not_change_what_is_found()
    {
        var audio = Concat(Tone(700), Silence(600), Tone(900), Silence(800), Tone(300), Silence(550));
        var whole = new List<long>();
        new UtteranceEndDetector(-45, 500).Process(audio, whole);

        var chunked = new List<long>();
        var detector = new UtteranceEndDetector(-45, 500);
        var random = new Random(3);
        for (var offset = 0; offset < audio.Length;)
        {
            var count = Math.Min(random.Next(1, 2_000), audio.Length - offset);
            detector.Process(audio.AsSpan(offset, count), chunked);
            offset += count;
        }

        chunked.ShouldBe(whole);
        whole.Count.ShouldBe(3);
    }

    [Fact]
    public void Short_gaps_and_lone_clicks_are_not_utterance_boundaries()
    {
        var click = Tone(20);
        var audio = Concat(Silence(500), click, Silence(900), Tone(800), Silence(300), Tone(800), Silence(200));
        var detector = new UtteranceEndDetector(-45, 500);
        var ends = new List<long>();

        detector.Process(audio, ends);

        ends.ShouldBeEmpty();
        detector.HasSpeechSince(0).ShouldBeTrue();
    }

    [Fact]
    public void Quiet_audio_under_the_threshold_is_silence()
    {
        var detector = new UtteranceEndDetector(-45, 500);
        var ends = new List<long>();

        detector.Process(Tone(2_000, amplitude: 0.005), ends);

        detector.HasSpeechSince(0).ShouldBeFalse();
        detector.LastSpeechEndSample.ShouldBe(-1);
    }

    [Fact]
    public void Real_speech_finds_the_end_of_each_sentence_in_joined_LJ_Speech_clips()
    {
        // LJ Speech holds consecutive sentences of one essay, each cut tight; joined with the pause a
        // reader leaves between sentences they become continuous reading.
        var clips = SpeechCorpus.Clips().Where(c => c.Set == "ljspeech-lj001").Take(8).ToList();
        clips.Count.ShouldBe(8);
        var audio = new List<float>();
        var sentenceEnds = new List<long>();
        foreach (var clip in clips)
        {
            audio.AddRange(SpeechAudio.Load16kMono(clip));
            sentenceEnds.Add(audio.Count);
            audio.AddRange(new float[16 * 800]);
        }

        var defaults = new StreamingOptions();
        var detector = new UtteranceEndDetector(defaults.SilenceThresholdDbfs, defaults.MinSilenceMs, defaults.NoiseMarginDb);
        var ends = new List<long>();
        foreach (var chunk in audio.Chunk(1_600))
        {
            detector.Process(chunk, ends);
        }

        // Every sentence end is found, placed where the voice actually stops (within the clip's own
        // trailing quiet, up to 300 ms before the join).
        foreach (var sentenceEnd in sentenceEnds)
        {
            ends.ShouldContain(end => end > sentenceEnd - (300 * 16) && end <= sentenceEnd, $"sentence ending at {sentenceEnd / 16} ms; found {string.Join(", ", ends.Select(e => e / 16))}");
        }

        // Pauses inside sentences (commas) may end an utterance too, but speech is not chopped up.
        ends.Count.ShouldBeLessThanOrEqualTo(sentenceEnds.Count * 2);
    }

    [Fact]
    public void Pauses_over_steady_background_noise_end_utterances_once_the_noise_floor_is_known()
    {
        // Noise at about -40 dBFS sits above the fixed -45 dBFS silence level, as a desk feed's hiss does.
        var random = new Random(3);
        float Noise() => (float)((random.NextDouble() * 2 - 1) * 0.017);
        var parts = new List<float>();
        var speechEnds = new List<long>();
        parts.AddRange(Enumerable.Range(0, 16 * 2_000).Select(_ => Noise()));
        for (var utterance = 0; utterance < 4; utterance++)
        {
            parts.AddRange(Tone(1_200).Select(sample => sample + Noise()));
            speechEnds.Add(parts.Count);
            parts.AddRange(Enumerable.Range(0, 16 * 900).Select(_ => Noise()));
        }

        var fixedOnly = new List<long>();
        new UtteranceEndDetector(-45, 500).Process(parts.ToArray(), fixedOnly);
        var adaptive = new List<long>();
        var detector = new UtteranceEndDetector(-45, 500, noiseMarginDb: 10);
        detector.Process(parts.ToArray(), adaptive);

        fixedOnly.ShouldBeEmpty("noise above the fixed level hides every pause");
        adaptive.Count.ShouldBe(speechEnds.Count);
        foreach (var (found, expected) in adaptive.Zip(speechEnds))
        {
            found.ShouldBeInRange(expected - (60 * 16), expected);
        }

        detector.ThresholdDbfs.ShouldBeInRange(-36, -25);
    }

    [Fact]
    public void A_real_speech_with_crowd_noise_between_phrases_is_cut_at_its_pauses()
    {
        var clip = SpeechCorpus.Clips().Single(c => c.Set == "jfk");
        var audio = SpeechAudio.Load16kMono(clip);
        var defaults = new StreamingOptions();

        var fixedOnly = new List<long>();
        new UtteranceEndDetector(defaults.SilenceThresholdDbfs, defaults.MinSilenceMs).Process(audio, fixedOnly);
        var adaptive = new List<long>();
        new UtteranceEndDetector(defaults.SilenceThresholdDbfs, defaults.MinSilenceMs, defaults.NoiseMarginDb).Process(audio, adaptive);

        // "And so, my fellow Americans | ask not | what your country can do for you | ask what you can do
        // for your country": the recording's pauses between phrases, over the crowd's murmur.
        fixedOnly.ShouldBeEmpty();
        adaptive.Count.ShouldBeInRange(3, 6, $"ends at {string.Join(", ", adaptive.Select(e => e / 16))} ms");
        adaptive.ShouldAllBe(end => end > 16 * 1_000 && end < audio.Length);
    }

    private static float[] Tone(int milliseconds, double amplitude = 0.3) => Signals.Sine(440, 16_000, milliseconds / 1000.0, amplitude);

    private static float[] Silence(int milliseconds) => new float[milliseconds * 16];

    private static float[] Concat(params float[][] parts) => parts.SelectMany(p => p).ToArray();
}
