using NAudio.Wave;

namespace LiveStt.Appliance.Audio;

/// <summary>
/// Turns captured bytes in a device's own format into 16 kHz mono samples: NAudio decodes them and takes the
/// configured channel, the project's windowed-sinc resampler converts the rate.
/// </summary>
internal sealed class CaptureConverter
{
    private readonly BufferedWaveProvider buffered;
    private readonly ISampleProvider mono;
    private readonly WindowedSincResampler resampler;
    private float[] decoded = new float[4_096];
    private float[] converted = [];

    public CaptureConverter(WaveFormat format, AudioChannel channel)
    {
        ArgumentNullException.ThrowIfNull(format);
        // Every block is read out as soon as it is added, so the buffer only ever holds one.
        buffered = new BufferedWaveProvider(format, TimeSpan.FromSeconds(2))
        {
            ReadFully = false,
            DiscardOnBufferOverflow = false,
        };
        mono = MonoSampleProvider.From(buffered.ToSampleProvider(), channel);
        resampler = new WindowedSincResampler(format.SampleRate, AudioFrame.SampleRate);
    }

    /// <summary>How many 16 kHz samples <paramref name="bytes"/> of captured audio make.</summary>
    public long SamplesFor(long bytes) => bytes / buffered.WaveFormat.BlockAlign * AudioFrame.SampleRate / buffered.WaveFormat.SampleRate;

    /// <summary>The 16 kHz mono samples for <paramref name="captured"/> (whole sample frames); valid until the next call.</summary>
    public ReadOnlyMemory<float> Convert(byte[] captured)
    {
        ArgumentNullException.ThrowIfNull(captured);
        buffered.AddSamples(captured, 0, captured.Length);
        var frames = buffered.BufferedBytes / buffered.WaveFormat.BlockAlign;
        if (decoded.Length < frames)
        {
            decoded = new float[frames];
        }

        var read = mono.Read(decoded.AsSpan(0, frames));
        var needed = resampler.GetMaxOutputLength(read);
        if (converted.Length < needed)
        {
            converted = new float[needed];
        }

        var produced = resampler.Process(decoded.AsSpan(0, read), converted);
        return converted.AsMemory(0, produced);
    }
}
