using System.Text.Json;
using LiveStt.Appliance.Audio;
using LiveStt.Tests.Speech;
using NAudio.Wave;

namespace LiveStt.Bench;

/// <summary>
/// Files the appliance's wav source plays in the benchmarks, written at 16 kHz mono so the source does not resample
/// and a position in the file is a position on the session's audio clock.
/// </summary>
internal static class PlayedAudio
{
    /// <summary>Desk hiss between utterances and in the silence runs: white noise this loud (RMS).</summary>
    public const double HissDbfs = -70;

    /// <summary>
    /// The <paramref name="set"/> clips of the shared speech, in manifest order, each resampled to 16 kHz with the
    /// appliance's own resampler and followed by <paramref name="gapSeconds"/> of hiss, written to
    /// <paramref name="path"/>; returns where each one lies.
    /// </summary>
    public static List<PlacedUtterance> WriteSpeechSet(string path, string set, double gapSeconds)
    {
        var (samples, placed) = SpeechSet(set, gapSeconds);
        using var writer = new WaveFileWriter(path, new WaveFormat(AudioFrame.SampleRate, 16, 1));
        writer.WriteSamples(samples, 0, samples.Length);
        return placed;
    }

    /// <summary>The <paramref name="set"/> clips at 16 kHz, each followed by <paramref name="gapSeconds"/> of hiss, and where each clip lies.</summary>
    public static (float[] Samples, List<PlacedUtterance> Placed) SpeechSet(string set, double gapSeconds)
    {
        var directory = SpeechDirectory();
        var placed = new List<PlacedUtterance>();
        var gapSamples = (int)(gapSeconds * AudioFrame.SampleRate);
        var joined = new List<float>();
        foreach (var line in File.ReadLines(Path.Combine(directory, "manifest.jsonl")))
        {
            using var entry = JsonDocument.Parse(line);
            if (entry.RootElement.GetProperty("set").GetString() != set)
            {
                continue;
            }

            var audio = entry.RootElement.GetProperty("audio").GetString()!;
            var samples = Read16k(Path.Combine(directory, audio));
            var position = joined.Count;
            joined.AddRange(samples);
            placed.Add(new PlacedUtterance(Path.GetFileNameWithoutExtension(audio), position / AudioFrame.SamplesPerMillisecond, (position + samples.Length) / AudioFrame.SamplesPerMillisecond));
            joined.AddRange(GapSounds.Hiss(gapSamples, HissDbfs, seed: placed.Count));
        }

        if (placed.Count == 0)
        {
            throw new InvalidOperationException($"The shared speech in {directory} has no clips of the set '{set}'.");
        }

        return ([.. joined], placed);
    }

    /// <summary><paramref name="seconds"/> of desk hiss.</summary>
    public static void WriteHiss(string path, double seconds)
    {
        using var writer = new WaveFileWriter(path, new WaveFormat(AudioFrame.SampleRate, 16, 1));
        var hiss = GapSounds.Hiss((int)(seconds * AudioFrame.SampleRate), HissDbfs, seed: 7);
        writer.WriteSamples(hiss, 0, hiss.Length);
    }

    /// <summary>A clip as 16 kHz mono, through the resampler the wav source itself uses.</summary>
    public static float[] Read16k(string file)
    {
        using var reader = WavReader.Open(file);
        var resampler = new WindowedSincResampler(reader.Format.SampleRate, AudioFrame.SampleRate);
        var input = new float[8192];
        var output = new float[resampler.GetMaxOutputLength(input.Length)];
        var result = new List<float>();
        int read;
        while ((read = reader.ReadMono(input)) > 0)
        {
            result.AddRange(output.AsSpan(0, resampler.Process(input.AsSpan(0, read), output)));
        }

        result.AddRange(output.AsSpan(0, resampler.Flush(output)));
        return [.. result];
    }

    public static string SpeechDirectory()
    {
        if (Environment.GetEnvironmentVariable("LIVESTT_SPEECH_DIR") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LiveStt.sln")))
            {
                return Path.Combine(directory.FullName, "..", "shared", "speech");
            }
        }

        throw new InvalidOperationException("Set LIVESTT_SPEECH_DIR to the shared speech folder.");
    }
}
