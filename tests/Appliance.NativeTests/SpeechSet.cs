using LiveStt.Appliance.Audio;
using LiveStt.Tests.Speech;

namespace LiveStt.Appliance.NativeTests;

/// <summary>The shared recorded speech, as whisper takes it (16 kHz mono WAV, no resampling).</summary>
internal static class SpeechSet
{
    /// <summary>The 16 kHz WAV utterances, which whisper takes without resampling.</summary>
    public static IReadOnlyList<SpeechClip> Clips16k()
    {
        var clips = SpeechCorpus.Clips()
            .Where(clip => clip.SampleRate == 16_000 && clip.Audio.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
            .ToList();
        clips.ShouldNotBeEmpty("the speech manifest lists no 16 kHz WAV files");
        return clips;
    }

    public static SpeechClip Named(string audioPath) =>
        Clips16k().SingleOrDefault(clip => clip.Audio == audioPath) ?? throw new InvalidOperationException($"{audioPath} is not in the speech manifest.");

    /// <summary>Reads a clip as 16 kHz mono float samples.</summary>
    public static float[] Read(SpeechClip clip)
    {
        using var reader = WavReader.Open(clip.FullPath);
        reader.Format.SampleRate.ShouldBe(16_000, clip.Audio);
        var samples = new float[checked((int)reader.FrameCount)];
        var read = 0;
        while (read < samples.Length)
        {
            var n = reader.ReadMono(samples.AsSpan(read));
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        read.ShouldBe(samples.Length, clip.Audio);
        return samples;
    }

    /// <summary>Clips joined end to end until at least <paramref name="duration"/> of speech.</summary>
    public static float[] Continuous(TimeSpan duration)
    {
        var wanted = (int)(duration.TotalSeconds * 16_000);
        var joined = new List<float>(wanted + 16_000 * 12);
        foreach (var clip in Clips16k())
        {
            joined.AddRange(Read(clip));
            if (joined.Count >= wanted)
            {
                break;
            }
        }

        joined.Count.ShouldBeGreaterThanOrEqualTo(wanted, "the speech set is shorter than the audio the test needs");
        return [.. joined];
    }
}
