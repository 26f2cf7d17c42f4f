using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>
/// Pushes an array as 100 ms frames, as fast as the sink takes them. As a live source it never waits,
/// like a capture device; it can leave a gap or fail part-way.
/// </summary>
internal sealed class ArrayAudioSource(float[] audio, bool isLive, int frameMs = 100) : IAudioSource
{
    public string Description => "array";

    public bool IsLive => isLive;

    public AudioInputStatus Status { get; } = new("array", "array", AudioInputStates.Receiving, null, null, null, 0, 0, 0, 0);

    /// <summary>After the frame that ends at GapAfterSample, leave out GapSamples of the audio.</summary>
    public (long GapAfterSample, int GapSamples)? Gap { get; init; }

    /// <summary>Throw after delivering this many frames.</summary>
    public int? FailAfterFrames { get; init; }

    /// <summary>Wall-clock pause between frames, to feed audio faster than real time but not all at once.</summary>
    public TimeSpan FrameInterval { get; init; }

    public int FramesDelivered { get; private set; }

    public async Task RunAsync(IAudioFrameSink sink, CancellationToken cancellationToken)
    {
        var frameSamples = frameMs * 16;
        var position = 0;
        while (position < audio.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (FailAfterFrames == FramesDelivered)
            {
                throw new AudioSourceException("The test source broke.");
            }

            var count = Math.Min(frameSamples, audio.Length - position);
            await sink.WriteAsync(new AudioFrame(audio.AsMemory(position, count), position), cancellationToken);
            FramesDelivered++;
            if (FrameInterval > TimeSpan.Zero)
            {
                await Task.Delay(FrameInterval, cancellationToken);
            }

            position += count;
            if (Gap is { } gap && position == gap.GapAfterSample)
            {
                position += gap.GapSamples;
            }
        }
    }
}
