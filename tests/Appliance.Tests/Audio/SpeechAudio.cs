using LiveStt.Appliance.Audio;
using LiveStt.Tests.Speech;

namespace LiveStt.Appliance.Tests.Audio;

/// <summary>Recorded speech as the pipeline hears it, through the appliance's own reader and resampler.</summary>
internal static class SpeechAudio
{
    /// <summary>A WAV clip as 16 kHz mono.</summary>
    public static float[] Load16kMono(SpeechClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        using var reader = WavReader.Open(clip.FullPath);
        var input = new float[reader.FrameCount];
        reader.ReadMono(input);
        var resampler = new WindowedSincResampler(reader.Format.SampleRate, AudioFrame.SampleRate);
        var output = new float[resampler.GetMaxOutputLength(input.Length) + resampler.GetMaxOutputLength(0)];
        var count = resampler.Process(input, output);
        count += resampler.Flush(output.AsSpan(count));
        return output[..count];
    }
}
