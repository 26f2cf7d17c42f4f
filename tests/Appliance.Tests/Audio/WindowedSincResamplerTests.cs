using LiveStt.Tests.Speech;
using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Tests.Audio;

public sealed class WindowedSincResamplerTests
{
    private const int Target = AudioFrame.SampleRate;

    [Theory]
    [InlineData(44_100, 8_500)]
    [InlineData(44_100, 9_000)]
    [InlineData(44_100, 12_000)]
    [InlineData(44_100, 15_000)]
    [InlineData(44_100, 20_000)]
    [InlineData(48_000, 8_200)]
    [InlineData(48_000, 10_000)]
    [InlineData(48_000, 16_000)]
    [InlineData(48_000, 23_000)]
    [InlineData(22_050, 9_000)]
    [InlineData(44_101, 11_000)]
    public void A_tone_above_8_kHz_is_suppressed_by_at_least_40_dB(int inputRate, double frequency)
    {
        var tone = Signals.Sine(frequency, inputRate, seconds: 1.0);

        var output = Resample(tone, inputRate);

        var gainDb = Signals.Decibels(Signals.Rms(Steady(output)) / Signals.Rms(tone));
        gainDb.ShouldBeLessThan(-40, $"{frequency} Hz at {inputRate} Hz came through at {gainDb:F1} dB");
    }

    [Fact]
    public void Dropping_samples_instead_would_let_the_same_tone_through_as_an_alias()
    {
        // The reason for the filter: keeping every third sample of a 10 kHz tone at 48 kHz yields a
        // full-strength 6 kHz tone.
        var tone = Signals.Sine(10_000, 48_000, seconds: 1.0);
        var decimated = tone.Where((_, i) => i % 3 == 0).ToArray();

        Signals.Decibels(Signals.Rms(decimated) / Signals.Rms(tone)).ShouldBeGreaterThan(-1);
        Signals.Decibels(Signals.Rms(Steady(Resample(tone, 48_000))) / Signals.Rms(tone)).ShouldBeLessThan(-40);
    }

    [Theory]
    [InlineData(8_000)]
    [InlineData(11_025)]
    [InlineData(16_000)]
    [InlineData(22_050)]
    [InlineData(32_000)]
    [InlineData(44_100)]
    [InlineData(44_101)]
    [InlineData(48_000)]
    [InlineData(96_000)]
    public void A_1_kHz_tone_passes_at_unity_gain(int inputRate)
    {
        var tone = Signals.Sine(1_000, inputRate, seconds: 1.0);

        var output = Resample(tone, inputRate);

        var gainDb = Signals.Decibels(Signals.Rms(Steady(output)) / Signals.Rms(tone));
        gainDb.ShouldBe(0, 0.1);

        // And it is still a 1 kHz sine, sample for sample, not merely something of the same power.
        var expected = Signals.Sine(1_000, Target, seconds: 1.0, amplitude: 0.5);
        for (var i = 800; i < output.Length - 800; i += 37)
        {
            output[i].ShouldBe(expected[i], 0.01, $"sample {i}");
        }
    }

    [Theory]
    [InlineData(8_000, 7_777)]
    [InlineData(22_050, 41_885)]
    [InlineData(44_100, 44_100)]
    [InlineData(44_100, 1)]
    [InlineData(48_000, 1_000_001)]
    [InlineData(16_000, 12_345)]
    [InlineData(44_101, 99_999)]
    public void Output_length_is_the_input_duration_at_16_kHz(int inputRate, int inputLength)
    {
        var input = new float[inputLength];

        var output = Resample(input, inputRate);

        output.Length.ShouldBe((int)Math.Ceiling((double)inputLength * Target / inputRate));
    }

    [Theory]
    [InlineData(44_100)]
    [InlineData(22_050)]
    [InlineData(8_000)]
    public void Chunked_input_gives_the_same_output_as_one_block(int inputRate)
    {
        var random = new Random(7);
        var input = Enumerable.Range(0, inputRate / 2).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var whole = Resample(input, inputRate);

        var resampler = new WindowedSincResampler(inputRate, Target);
        var chunked = new List<float>();
        var buffer = new float[resampler.GetMaxOutputLength(4_000)];
        var offset = 0;
        while (offset < input.Length)
        {
            var count = Math.Min(random.Next(1, 4_000), input.Length - offset);
            var produced = resampler.Process(input.AsSpan(offset, count), buffer);
            chunked.AddRange(buffer.AsSpan(0, produced));
            offset += count;
        }

        chunked.AddRange(buffer.AsSpan(0, resampler.Flush(buffer)));
        chunked.ToArray().ShouldBe(whole, tolerance: 1e-6);
    }

    [Fact]
    public void Silence_stays_silent_and_a_constant_stays_constant()
    {
        var constant = Enumerable.Repeat(0.3f, 44_100).ToArray();

        var output = Resample(constant, 44_100);

        foreach (var sample in Steady(output))
        {
            sample.ShouldBe(0.3f, 1e-4);
        }
    }

    [Fact]
    public void Real_speech_at_22_kHz_resamples_to_its_recorded_duration()
    {
        var clips = SpeechCorpus.Clips().Where(c => c.Set == "ljspeech-lj001" && c.SampleRate == 22_050).ToList();
        clips.Count.ShouldBeGreaterThanOrEqualTo(30, "LJ Speech clips are 22.05 kHz");

        foreach (var clip in clips)
        {
            using var reader = WavReader.Open(clip.FullPath);
            reader.Format.SampleRate.ShouldBe(22_050);
            var input = new float[reader.FrameCount];
            reader.ReadMono(input).ShouldBe(input.Length);

            var output = Resample(input, reader.Format.SampleRate);

            ((double)output.Length / Target).ShouldBe(clip.Duration, 0.001, clip.Audio);
            output.Length.ShouldBe((int)Math.Ceiling((double)input.Length * Target / reader.Format.SampleRate), clip.Audio);

            // Speech keeps its level: nearly all of its energy lies inside the pass band.
            Signals.Decibels(Signals.Rms(output) / Signals.Rms(input)).ShouldBe(0, 1.0, clip.Audio);
        }
    }

    private static float[] Resample(float[] input, int inputRate)
    {
        var resampler = new WindowedSincResampler(inputRate, Target);
        var output = new float[resampler.GetMaxOutputLength(input.Length) + resampler.GetMaxOutputLength(0)];
        var produced = resampler.Process(input, output);
        produced += resampler.Flush(output.AsSpan(produced));
        return output[..produced];
    }

    /// <summary>The output without its first and last 50 ms, where the filter runs into the stream's edges.</summary>
    private static ReadOnlySpan<float> Steady(float[] output) => output.AsSpan(800, output.Length - 1_600);
}
