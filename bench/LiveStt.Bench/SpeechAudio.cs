using System.Text.Json;
using LiveStt.Appliance.Audio;

namespace LiveStt.Bench;

/// <summary>The shared recorded speech, 16 kHz WAV clips joined in manifest order, read in place.</summary>
internal static class SpeechAudio
{
    public static float[] Continuous(TimeSpan duration)
    {
        var directory = Environment.GetEnvironmentVariable("LIVESTT_SPEECH_DIR") ?? DefaultDirectory();
        var wanted = (int)(duration.TotalSeconds * 16_000);
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
            int read;
            while ((read = reader.ReadMono(buffer)) > 0 && joined.Count < wanted)
            {
                joined.AddRange(buffer.AsSpan(0, Math.Min(read, wanted - joined.Count)));
            }

            if (joined.Count >= wanted)
            {
                return [.. joined];
            }
        }

        throw new InvalidOperationException($"The speech in {directory} is shorter than {duration}.");
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
