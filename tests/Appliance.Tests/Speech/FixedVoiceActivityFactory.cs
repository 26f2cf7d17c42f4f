using LiveStt.Appliance.Speech;

namespace LiveStt.Appliance.Tests.Speech;

/// <summary>Hands each session a new detector from <paramref name="create"/> (null: voice-activity detection off).</summary>
internal sealed class FixedVoiceActivityFactory(Func<IVoiceActivityDetector?> create) : IVoiceActivityDetectorFactory
{
    public IVoiceActivityDetector? Create() => create();
}
