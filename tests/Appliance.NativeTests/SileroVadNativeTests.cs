using System.Globalization;
using LiveStt.Appliance.Speech;
using LiveStt.Tests.Speech;

namespace LiveStt.Appliance.NativeTests;

/// <summary>The real Silero model, run by the real libwhisper, on real speech and the sounds between it.</summary>
public sealed class SileroVadNativeTests(ITestOutputHelper output)
{
    private const int Chunk = 512;
    private const int SampleRate = 16_000;

    private static readonly (string Name, Func<int, int, float[]> Make)[] Gaps =
    [
        ("silence (hiss at -70 dBFS)", (n, seed) => GapSounds.Hiss(n, -70, seed)),
        ("pink noise at -45 dBFS", (n, seed) => GapSounds.Pink(n, -45, seed)),
        ("pink noise at -35 dBFS", (n, seed) => GapSounds.Pink(n, -35, seed)),
        ("organ chords at -20 dBFS", (n, seed) => GapSounds.Chords(n, -20, seed)),
    ];

    [Fact]
    public void The_model_loads_and_scores_each_32_ms_chunk_of_speech_high_and_silence_low()
    {
        using var detector = VadModel.Load();
        var speech = SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav"));
        var silence = GapSounds.Hiss(2 * SampleRate - (2 * SampleRate % Chunk), -70, seed: 1);

        var silenceScores = new float[silence.Length / Chunk];
        detector.Score(silence, silenceScores);
        var whole = speech.AsSpan(0, speech.Length - (speech.Length % Chunk));
        var speechScores = new float[whole.Length / Chunk];
        detector.Score(whole, speechScores);

        detector.ModelName.ShouldBe("silero-v6.2.0-ggml.bin");
        detector.ChunkSamples.ShouldBe(Chunk);
        silenceScores.Max().ShouldBeLessThan(0.1f);
        speechScores.Count(p => p >= 0.5f).ShouldBeGreaterThan(speechScores.Length / 2, "JFK speaks for most of the clip");
        speechScores.ShouldAllBe(p => p >= 0f && p <= 1f);
    }

    [Fact]
    public void Scores_do_not_depend_on_how_the_audio_is_split_into_calls_or_on_the_memory_whisper_was_given()
    {
        var speech = SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav"));
        var audio = speech.AsSpan(0, 200 * Chunk).ToArray();
        float[]? first = null;

        // New contexts in turn, each on heap memory the one before it used and left dirty.
        foreach (var chunksPerCall in new[] { 200, 1, 3, 64, 1 })
        {
            using var detector = VadModel.Load();
            var scores = new float[200];
            for (var chunk = 0; chunk < 200; chunk += chunksPerCall)
            {
                var count = Math.Min(chunksPerCall, 200 - chunk);
                detector.Score(audio.AsSpan(chunk * Chunk, count * Chunk), scores.AsSpan(chunk, count));
            }

            first ??= scores;
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i].ShouldBe(first[i], 1e-4f, $"chunk {i}, {chunksPerCall} chunks a call");
            }
        }
    }

    [Fact]
    public void A_missing_model_is_refused_with_what_to_do()
    {
        var factory = VadModel.Factory(options => options.ModelPath = "/nonexistent/silero.bin");

        var error = Should.Throw<VoiceActivityModelException>(() => factory.Create());

        error.Message.ShouldStartWith("The voice-activity model '/nonexistent/silero.bin' does not exist.");
    }

    [Fact]
    public void A_file_that_is_not_a_silero_model_is_refused_with_whispers_reason()
    {
        var path = System.IO.Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[4096]);
            var factory = VadModel.Factory(options => options.ModelPath = path);

            var error = Should.Throw<VoiceActivityModelException>(() => factory.Create());

            error.Message.ShouldStartWith($"whisper could not load the voice-activity model '{path}'");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Speech_is_found_and_silence_noise_and_music_are_not_over_the_whole_speech_set()
    {
        var clips = SpeechSet.Clips16k().Where((_, i) => i % 4 == 0).ToList();
        var audio = new List<float>();
        var isSpeech = new List<bool>();
        var gapKind = new List<int>();
        AddGap(audio, isSpeech, gapKind, kind: 0, seconds: 2, seed: 0);
        for (var i = 0; i < clips.Count; i++)
        {
            var clip = SpeechSet.Read(clips[i]);
            var (start, end) = SpokenPart(clip);
            for (var s = 0; s < clip.Length; s++)
            {
                audio.Add(clip[s]);
                isSpeech.Add(s >= start && s < end);
                gapKind.Add(-1);
            }

            AddGap(audio, isSpeech, gapKind, kind: i % Gaps.Length, seconds: 3, seed: i + 1);
        }

        using var gate = new SpeechGate(VadModel.Load(), new VoiceActivityOptions(), minSilenceMs: 500);
        var ends = new List<long>();
        var samples = audio.ToArray();
        for (var offset = 0; offset < samples.Length; offset += 1600)
        {
            gate.Process(samples.AsSpan(offset, Math.Min(1600, samples.Length - offset)), ends);
        }

        gate.InSpeech.ShouldBeFalse("the set ends with a gap");
        gate.SpeechIntervals.Count.ShouldBeLessThan(128, "every utterance is remembered");
        var calledSpeech = new bool[samples.Length];
        foreach (var (start, end) in gate.SpeechIntervals)
        {
            Array.Fill(calledSpeech, true, (int)start, (int)(end - start));
        }

        // Scored per 32 ms chunk, by the label of its middle sample.
        var speechChunks = 0;
        var speechFound = 0;
        var gapChunks = new int[Gaps.Length];
        var gapCalled = new int[Gaps.Length];
        for (var middle = Chunk / 2; middle < samples.Length; middle += Chunk)
        {
            if (isSpeech[middle])
            {
                speechChunks++;
                speechFound += calledSpeech[middle] ? 1 : 0;
            }
            else if (gapKind[middle] >= 0)
            {
                gapChunks[gapKind[middle]]++;
                gapCalled[gapKind[middle]] += calledSpeech[middle] ? 1 : 0;
            }
        }

        var found = (double)speechFound / speechChunks;
        var falseSpeech = (double)gapCalled.Sum() / gapChunks.Sum();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clips.Count} utterances, {samples.Length / (double)SampleRate:F0} s of audio, {ends.Count} utterance ends"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"speech frames found: {found:P1} ({speechFound} of {speechChunks})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"non-speech frames called speech: {falseSpeech:P1} ({gapCalled.Sum()} of {gapChunks.Sum()})"));
        for (var kind = 0; kind < Gaps.Length; kind++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Gaps[kind].Name}: {(double)gapCalled[kind] / gapChunks[kind]:P1} ({gapCalled[kind]} of {gapChunks[kind]})"));
        }

        found.ShouldBeGreaterThanOrEqualTo(0.95);
        falseSpeech.ShouldBeLessThanOrEqualTo(0.05);
    }

    /// <summary>The clip from its first to its last sound: the recordings' own lead-in and tail are quiet room.</summary>
    private static (int Start, int End) SpokenPart(float[] clip)
    {
        var levels = new double[clip.Length / Chunk];
        for (var c = 0; c < levels.Length; c++)
        {
            var power = 0.0;
            for (var s = c * Chunk; s < (c + 1) * Chunk; s++)
            {
                power += (double)clip[s] * clip[s];
            }

            levels[c] = Math.Sqrt(power / Chunk);
        }

        // Anything within 35 dB of the loudest chunk is the voice.
        var floor = levels.Max() * Math.Pow(10, -35 / 20.0);
        var first = Array.FindIndex(levels, level => level >= floor);
        var last = Array.FindLastIndex(levels, level => level >= floor);
        return (first * Chunk, (last + 1) * Chunk);
    }

    private static void AddGap(List<float> audio, List<bool> isSpeech, List<int> gapKind, int kind, int seconds, int seed)
    {
        foreach (var sample in Gaps[kind].Make(seconds * SampleRate, seed))
        {
            audio.Add(sample);
            isSpeech.Add(false);
            gapKind.Add(kind);
        }
    }
}
