using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>
/// A live input that delivers some audio and then goes quiet (a cable pulled) without ending: by default silent
/// frames, or the given samples.
/// </summary>
internal sealed class StallingSource(int frames = 0, float[]? audio = null) : IAudioSource
{
    public string Description => "stalling";

    public bool IsLive => true;

    /// <summary>Receiving throughout, as a real input says until its stall timeout has passed.</summary>
    public AudioInputStatus Status => new("stalling", "stalling", AudioInputStates.Receiving, null, null, null, 0, 0, 0, 0);

    public bool Stalled { get; private set; }

    /// <summary>Whether <see cref="RunAsync"/> has been cancelled (the input closed).</summary>
    public bool Closed { get; private set; }

    public async Task RunAsync(IAudioFrameSink sink, CancellationToken cancellationToken)
    {
        try
        {
            if (audio is null)
            {
                for (var i = 0; i < frames; i++)
                {
                    await sink.WriteAsync(new AudioFrame(new float[1_600], i * 1_600L), cancellationToken);
                }
            }
            else
            {
                for (var position = 0; position < audio.Length; position += 1_600)
                {
                    await sink.WriteAsync(new AudioFrame(audio.AsMemory(position, Math.Min(1_600, audio.Length - position)), position), cancellationToken);
                }
            }

            Stalled = true;
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            Closed = cancellationToken.IsCancellationRequested;
        }
    }
}
