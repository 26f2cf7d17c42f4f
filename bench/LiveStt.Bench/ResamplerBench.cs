using System.Diagnostics;
using System.Globalization;
using LiveStt.Appliance.Audio;
using NAudio.Dsp;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace LiveStt.Bench;

/// <summary>
/// The resampler tests' measurements (stopband above 8 kHz, 1 kHz passband gain, output length), and CPU time per
/// second of audio, for the project's windowed-sinc resampler and for NAudio's WDL resampler, both as
/// <see cref="WdlResamplingSampleProvider"/> sets it up and in WDL's own sinc mode. Prints markdown tables.
/// </summary>
internal static class ResamplerBench
{
    private const int Target = 16_000;

    private static readonly (int Rate, double Frequency)[] StopbandCases =
        [(44_100, 8_500), (44_100, 9_000), (44_100, 12_000), (44_100, 15_000), (44_100, 20_000), (48_000, 8_200), (48_000, 10_000), (48_000, 16_000), (48_000, 23_000), (22_050, 9_000), (44_101, 11_000)];

    private static readonly int[] PassbandRates = [8_000, 11_025, 16_000, 22_050, 32_000, 44_100, 44_101, 48_000, 96_000];

    private static readonly (int Rate, int Length)[] LengthCases = [(8_000, 7_777), (22_050, 41_885), (44_100, 44_100), (48_000, 1_000_001), (16_000, 12_345), (44_101, 99_999)];

    private static readonly int[] CpuRates = [44_100, 48_000, 22_050];

    private static readonly (string Name, Func<float[], int, float[]> Resample)[] Resamplers =
    [
        ("windowed sinc (LiveStt)", WindowedSinc),
        ("WdlResamplingSampleProvider (NAudio)", WdlProvider),
        ("WDL sinc mode, 64 taps (NAudio)", WdlSinc),
    ];

    public static int Run()
    {
        Console.WriteLine("Stopband: gain of a tone above 8 kHz after resampling to 16 kHz (dB; the tests ask for -40 or less)");
        Table(["input", .. Resamplers.Select(r => r.Name)], StopbandCases.Select(c =>
            (IReadOnlyList<string>)[$"{c.Frequency / 1000:0.#} kHz at {c.Rate} Hz", .. Resamplers.Select(r => Db(Gain(r.Resample, Sine(c.Frequency, c.Rate), c.Rate)))]));

        Console.WriteLine("Passband: gain of a 1 kHz tone (dB; the tests ask for 0 ± 0.1)");
        Table(["input rate", .. Resamplers.Select(r => r.Name)], PassbandRates.Select(rate =>
            (IReadOnlyList<string>)[$"{rate} Hz", .. Resamplers.Select(r => Db(Gain(r.Resample, Sine(1_000, rate), rate), "F2"))]));

        Console.WriteLine("Length: output samples minus the input's duration at 16 kHz (the tests ask for 0)");
        Table(["input", .. Resamplers.Select(r => r.Name)], LengthCases.Select(c =>
            (IReadOnlyList<string>)[$"{c.Length} at {c.Rate} Hz", .. Resamplers.Select(r => (r.Resample(new float[c.Length], c.Rate).Length - (int)Math.Ceiling((double)c.Length * Target / c.Rate)).ToString(CultureInfo.InvariantCulture))]));

        Console.WriteLine("CPU: milliseconds per second of audio, one thread, best of 5 over 60 s of noise");
        Table(["input rate", .. Resamplers.Select(r => r.Name)], CpuRates.Select(rate =>
            (IReadOnlyList<string>)[$"{rate} Hz", .. Resamplers.Select(r => CpuMsPerSecond(r.Resample, rate).ToString("F3", CultureInfo.InvariantCulture))]));
        return 0;
    }

    private static float[] WindowedSinc(float[] input, int rate)
    {
        var resampler = new WindowedSincResampler(rate, Target);
        var output = new float[resampler.GetMaxOutputLength(input.Length) + resampler.GetMaxOutputLength(0)];
        var produced = resampler.Process(input, output);
        produced += resampler.Flush(output.AsSpan(produced));
        return output[..produced];
    }

    private static float[] WdlProvider(float[] input, int rate) =>
        ReadAll(new WdlResamplingSampleProvider(new ArraySampleProvider(input, rate), Target));

    private static float[] WdlSinc(float[] input, int rate)
    {
        var resampler = new WdlResampler();
        resampler.SetMode(interp: true, filtercnt: 0, sinc: true, sinc_size: 64, sinc_interpsize: 32);
        resampler.SetFeedMode(wantInputDriven: true);
        resampler.SetRates(rate, Target);
        var output = new List<float>((int)((long)input.Length * Target / rate) + 64);
        var block = new float[8_192];
        for (var offset = 0; offset < input.Length; offset += 4_096)
        {
            var count = Math.Min(4_096, input.Length - offset);
            var wanted = resampler.ResamplePrepare(count, 1, out var inbuffer);
            input.AsSpan(offset, Math.Min(count, wanted)).CopyTo(inbuffer);
            var produced = resampler.ResampleOut(block, Math.Min(count, wanted), block.Length, 1);
            output.AddRange(block.AsSpan(0, produced));
        }

        return [.. output];
    }

    private static float[] ReadAll(WdlResamplingSampleProvider provider)
    {
        var output = new List<float>();
        var block = new float[4_096];
        int read;
        while ((read = provider.Read(block)) > 0)
        {
            output.AddRange(block.AsSpan(0, read));
        }

        return [.. output];
    }

    private static double Gain(Func<float[], int, float[]> resample, float[] tone, int rate)
    {
        var output = resample(tone, rate);
        // Without the first and last 50 ms, where a filter runs into the stream's edges.
        var steady = output.AsSpan(800, Math.Max(0, output.Length - 1_600));
        return Rms(steady) / Rms(tone);
    }

    private static double CpuMsPerSecond(Func<float[], int, float[]> resample, int rate)
    {
        var random = new Random(3);
        var noise = Enumerable.Range(0, rate * 60).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            resample(noise, rate);
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds / 60);
        }

        return best;
    }

    private static float[] Sine(double frequency, int rate) =>
        Enumerable.Range(0, rate).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * frequency * i / rate))).ToArray();

    private static double Rms(ReadOnlySpan<float> samples)
    {
        var sum = 0.0;
        foreach (var sample in samples)
        {
            sum += (double)sample * sample;
        }

        return samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length);
    }

    private static string Db(double ratio, string format = "F1") => (20 * Math.Log10(Math.Max(ratio, 1e-12))).ToString(format, CultureInfo.InvariantCulture);

    private static void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        Console.WriteLine("| " + string.Join(" | ", header) + " |");
        Console.WriteLine("|" + string.Concat(Enumerable.Repeat("---|", header.Count)));
        foreach (var row in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", row) + " |");
        }

        Console.WriteLine();
    }

    /// <summary>Mono float samples from an array, as NAudio's providers read them.</summary>
    private sealed class ArraySampleProvider(float[] samples, int rate) : ISampleProvider
    {
        private int position;

        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(rate, 1);

        public int Read(Span<float> buffer)
        {
            var count = Math.Min(buffer.Length, samples.Length - position);
            samples.AsSpan(position, count).CopyTo(buffer);
            position += count;
            return count;
        }
    }
}
