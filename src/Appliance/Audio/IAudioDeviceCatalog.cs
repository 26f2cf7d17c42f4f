namespace LiveStt.Appliance.Audio;

/// <summary>The capture devices the box has, for choosing the input.</summary>
public interface IAudioDeviceCatalog
{
    /// <exception cref="AudioSourceException">The devices cannot be listed; the message says why.</exception>
    IReadOnlyList<AudioDevice> CaptureDevices();
}
