namespace LiveStt.Appliance.Audio;

/// <summary>Makes the configured audio source, one per caption session.</summary>
public interface IAudioSourceFactory
{
    /// <exception cref="AudioSourceException">The configuration does not name a usable source.</exception>
    IAudioSource Create();
}
