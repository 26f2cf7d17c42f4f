namespace LiveStt.Appliance.Speech;

/// <summary>Makes the voice-activity detector a caption session listens with.</summary>
public interface IVoiceActivityDetectorFactory
{
    /// <summary>A new detector, or null when voice-activity detection is turned off.</summary>
    /// <exception cref="VoiceActivityModelException">The model cannot be loaded; the message says why.</exception>
    IVoiceActivityDetector? Create();
}
