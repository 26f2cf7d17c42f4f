using LiveStt.Appliance.Audio;
using NAudio.Wave;

namespace LiveStt.Appliance.Tests.Audio;

public sealed class CaptureConverterTests
{
    [Theory]
    [InlineData(AudioChannel.Left, 0.5)]
    [InlineData(AudioChannel.Right, 0.0)]
    [InlineData(AudioChannel.Mix, 0.25)]
    public void Stereo_48_kHz_16_bit_capture_becomes_16_kHz_mono_of_the_chosen_channel(AudioChannel channel, double amplitude)
    {
        // A 1 kHz tone on the left, silence on the right, as a desk that sends the pulpit microphone on one side.
        var left = Signals.Sine(1_000, 48_000, seconds: 1);
        var bytes = left.SelectMany(s => BitConverter.GetBytes((short)Math.Round(s * 32_767)).Concat(BitConverter.GetBytes((short)0))).ToArray();
        var converter = new CaptureConverter(new WaveFormat(48_000, 16, 2), channel);

        var output = new List<float>();
        foreach (var block in bytes.Chunk(960 * 4))
        {
            output.AddRange(converter.Convert(block).ToArray());
        }

        output.Count.ShouldBeInRange(15_900, 16_000);
        Signals.Rms(output.ToArray().AsSpan(800, 14_000)).ShouldBe(amplitude / Math.Sqrt(2), 0.002);
    }

    [Theory]
    [InlineData(32, false)]
    [InlineData(32, true)]
    public void Float_and_32_bit_capture_at_16_kHz_passes_through_unchanged(int bits, bool ieeeFloat)
    {
        var tone = Signals.Sine(440, 16_000, seconds: 0.5, amplitude: 0.25);
        var bytes = ieeeFloat
            ? tone.SelectMany(BitConverter.GetBytes).ToArray()
            : tone.SelectMany(s => BitConverter.GetBytes((int)Math.Round(s * int.MaxValue))).ToArray();
        var format = ieeeFloat ? WaveFormat.CreateIeeeFloatWaveFormat(16_000, 1) : new WaveFormat(16_000, bits, 1);
        var converter = new CaptureConverter(format, AudioChannel.Mix);

        var output = converter.Convert(bytes).ToArray();

        Signals.Rms(output.AsSpan(100)).ShouldBe(0.25 / Math.Sqrt(2), 0.001);
        converter.SamplesFor(bytes.Length).ShouldBe(8_000);
    }
}
