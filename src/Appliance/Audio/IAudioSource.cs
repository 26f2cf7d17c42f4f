namespace LiveStt.Appliance.Audio;

/// <summary>
/// Produces 16 kHz mono audio for one caption session. Started by calling <see cref="RunAsync"/>,
/// stopped by cancelling its token.
/// </summary>
/// <remarks>
/// The contract is shaped for live inputs as well as files: frames are pushed, not pulled, because a
/// capture device or network stream delivers on its own clock; a source that can lose its input and get it
/// back (a network stream, a USB interface) reconnects inside <see cref="RunAsync"/> and resumes with a
/// later <see cref="AudioFrame.StartSample"/>, so the gap is visible downstream; failures it cannot
/// recover from end <see cref="RunAsync"/> with an <see cref="AudioSourceException"/>.
/// </remarks>
public interface IAudioSource
{
    /// <summary>What the audio comes from, for status and logs (e.g. <c>wav:/app/demo/demo.wav</c>).</summary>
    string Description { get; }

    /// <summary>
    /// True when audio arrives on the wall clock and cannot wait: when the pipeline falls behind, the
    /// oldest queued audio is dropped (and counted) rather than the source being held back.
    /// </summary>
    bool IsLive { get; }

    /// <summary>What the source hears now: its state, level and fault counters.</summary>
    AudioInputStatus Status { get; }

    /// <summary>
    /// Pushes frames to <paramref name="sink"/> until the audio ends (the task completes) or the token is
    /// cancelled (the task is cancelled).
    /// </summary>
    /// <exception cref="AudioSourceException">The audio cannot be read; the message says why.</exception>
    Task RunAsync(IAudioFrameSink sink, CancellationToken cancellationToken);
}
