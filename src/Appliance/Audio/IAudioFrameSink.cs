namespace LiveStt.Appliance.Audio;

/// <summary>Where an <see cref="IAudioSource"/> pushes its frames.</summary>
public interface IAudioFrameSink
{
    /// <summary>
    /// Accepts one frame. For a source that is not live this may wait (backpressure); for a live source
    /// the sink never waits long, it drops and counts audio instead, because a capture device cannot pause.
    /// </summary>
    ValueTask WriteAsync(AudioFrame frame, CancellationToken cancellationToken);
}
