using System.Text.Json;
using LiveStt.Appliance.Audio;

namespace LiveStt.Bench;

/// <summary>The shared recorded speech, 16 kHz WAV clips joined in manifest order, read in place.</summary>
internal static class SpeechAudio
{
    public static float[] Continuous(TimeSpan duration) => Continuous(duration, clips: null);

    /// <summary>As <see cref="Continuous(TimeSpan)"/>, and adds to <paramref name="clips"/> where each utterance lies in the result.</summary>
    public static float[] Continuous(TimeSpan duration, List<SpeechClip>? clips)
    {
        const int SampleRate = 16_000;
        var directory = Environment.GetEnvironmentVariable("LIVESTT_SPEECH_DIR") ?? DefaultDirectory();
        var wanted = (int)(duration.TotalSeconds * SampleRate);
        var joined = new List<float>(wanted);
        foreach (var line in File.ReadLines(Path.Combine(directory, "manifest.jsonl")))
        {
            using var entry = JsonDocument.Parse(line);
            var audio = entry.RootElement.GetProperty("audio").GetString()!;
            if (entry.RootElement.GetProperty("sample_rate").GetInt32() != 16_000 || !audio.EndsWith(".wav", StringComparison.Ordinal))
            {
                continue;
            }

            using var reader = WavReader.Open(Path.Combine(directory, audio));
            var buffer = new float[16_000];
            var clipStart = joined.Count;
            int read;
            while ((read = reader.ReadMono(buffer)) > 0 && joined.Count < wanted)
            {
                joined.AddRange(buffer.AsSpan(0, Math.Min(read, wanted - joined.Count)));
            }

            clips?.Add(new SpeechClip(audio, (double)clipStart / SampleRate, (double)joined.Count / SampleRate, SpeechEnd(joined, clipStart) / SampleRate));

            if (joined.Count >= wanted)
            {
                return [.. joined];
            }
        }

        throw new InvalidOperationException($"The speech in {directory} is shorter than {duration}.");
    }

    // The end of the last 20 ms frame from clipStart on whose RMS is above -40 dBFS.
    private static double SpeechEnd(List<float> joined, int clipStart)
    {
        const int Frame = 320;
        var threshold = Math.Pow(10, -40 / 20.0);
        var end = clipStart;
        for (var frameStart = clipStart; frameStart < joined.Count; frameStart += Frame)
        {
            var count = Math.Min(Frame, joined.Count - frameStart);
            double sum = 0;
            for (var i = frameStart; i < frameStart + count; i++)
            {
                sum += joined[i] * (double)joined[i];
            }

            if (Math.Sqrt(sum / count) > threshold)
            {
                end = frameStart + count;
            }
        }

        return end;
    }

    private static string DefaultDirectory()
    {
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
