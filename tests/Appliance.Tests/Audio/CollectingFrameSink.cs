using System.Collections.Concurrent;
using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Tests.Audio;

/// <summary>Keeps every frame it is given; optionally cancels the run after a number of frames, or takes its time over each.</summary>
internal sealed class CollectingFrameSink(int stopAfterFrames = int.MaxValue, CancellationTokenSource? stop = null, TimeSpan delayPerFrame = default) : IAudioFrameSink
{
    private readonly ConcurrentQueue<AudioFrame> frames = new();
    private readonly ConcurrentQueue<int> lost = new();

    public IReadOnlyList<AudioFrame> Frames => [.. frames];

    public int Count => frames.Count;

    /// <summary>For each time the source said its input was lost: how many frames had come before.</summary>
    public IReadOnlyList<int> LostAfterFrames => [.. lost];

    public ValueTask InputLostAsync(CancellationToken cancellationToken)
    {
        lost.Enqueue(frames.Count);
        return ValueTask.CompletedTask;
    }

    public async ValueTask WriteAsync(AudioFrame frame, CancellationToken cancellationToken)
    {
        if (delayPerFrame > TimeSpan.Zero)
        {
            await Task.Delay(delayPerFrame, cancellationToken);
        }

        frames.Enqueue(frame);
        if (frames.Count >= stopAfterFrames && stop is not null)
        {
            await stop.CancelAsync();
        }
    }

    public float[] AllSamples() => Frames.SelectMany(frame => frame.Samples.ToArray()).ToArray();

    public async Task WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (frames.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} frames, got {frames.Count}.");
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
