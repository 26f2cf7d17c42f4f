namespace LiveStt.Appliance.Audio;

/// <summary>Makes an audio source, one per run of a caption session.</summary>
public interface IAudioSourceFactory
{
    /// <summary>The source <paramref name="audio"/> describes: the configured input, or the one the kiosk chose.</summary>
    /// <exception cref="AudioSourceException">The settings do not name a usable source.</exception>
    IAudioSource Create(AudioOptions audio);
}
