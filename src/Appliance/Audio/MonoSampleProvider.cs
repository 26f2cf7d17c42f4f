using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace LiveStt.Appliance.Audio;

/// <summary>Mono from a mono or stereo NAudio sample provider: the stereo channels mixed, or one of them alone.</summary>
internal static class MonoSampleProvider
{
    public static ISampleProvider From(ISampleProvider source, AudioChannel channel) =>
        source.WaveFormat.Channels == 1 ? source : new StereoToMonoSampleProvider(source)
        {
            LeftVolume = channel switch { AudioChannel.Left => 1f, AudioChannel.Right => 0f, _ => 0.5f },
            RightVolume = channel switch { AudioChannel.Left => 0f, AudioChannel.Right => 1f, _ => 0.5f },
        };
}
