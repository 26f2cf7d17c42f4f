namespace LiveStt.Appliance.Audio;

/// <summary>Where an <see cref="IAudioSource"/> pushes its frames.</summary>
public interface IAudioFrameSink
{
    /// <summary>
    /// Accepts one frame. For a source that is not live this may wait (backpressure); for a live source
    /// the sink never waits long, it drops and counts audio instead, because a capture device cannot pause.
    /// </summary>
    ValueTask WriteAsync(AudioFrame frame, CancellationToken cancellationToken);

    /// <summary>
    /// The input was lost after it had delivered audio (a stream that ended, a cable pulled): the frames so far will
    /// not be continued soon, so the receiver can finish with what it heard now rather than wait for audio that may
    /// be minutes away. Frames may follow, when the input is back.
    /// </summary>
    ValueTask InputLostAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
