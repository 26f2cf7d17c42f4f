using System.Buffers.Binary;
using System.Text.Json;

namespace LiveStt.Bench;

/// <summary>
/// Writes the window of joined speech the decode benchmark decodes (<see cref="SpeechAudio.Continuous(TimeSpan)"/>), so
/// whisper.cpp's own tools get the same samples: a 16-bit 16 kHz mono WAV (the clips are 16-bit, so the samples come
/// back exactly), and optionally raw 32-bit float samples as an SDL capture device delivers them. Prints one JSON line
/// with the window's utterances and where their speech ends.
/// </summary>
internal static class SpeechWindowExport
{
    private const int SampleRate = 16_000;

    public static int Run(BenchArguments args)
    {
        var seconds = args.Real("seconds", 10);
        var clips = new List<SpeechClip>();
        var samples = SpeechAudio.Continuous(TimeSpan.FromSeconds(seconds), clips);
        if (args.Text("wav", "") is { Length: > 0 } wav)
        {
            WriteWav(wav, samples);
        }

        if (args.Text("raw-f32", "") is { Length: > 0 } raw)
        {
            var bytes = new byte[samples.Length * 4];
            for (var i = 0; i < samples.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), samples[i]);
            }

            File.WriteAllBytes(raw, bytes);
        }

        Console.WriteLine(JsonSerializer.Serialize(new { seconds, samples = samples.Length, clips }));
        return 0;
    }

    private static void WriteWav(string path, float[] samples)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + (samples.Length * 2));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(SampleRate);
        writer.Write(SampleRate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples.Length * 2);
        foreach (var sample in samples)
        {
            writer.Write((short)Math.Clamp(Math.Round(sample * 32768.0), short.MinValue, short.MaxValue));
        }
    }
}
