using LiveStt.Appliance.Speech;
using LiveStt.Tests.Speech;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveStt.Appliance.NativeTests;

/// <summary>The real Silero model (<see cref="VadModelFile"/>), loaded as the appliance loads it.</summary>
internal static class VadModel
{
    public static string Path => VadModelFile.Path;

    public static IVoiceActivityDetector Load(Action<VoiceActivityOptions>? change = null) =>
        Factory(change).Create() ?? throw new InvalidOperationException("voice-activity detection is off");

    public static SileroVoiceActivityDetectorFactory Factory(Action<VoiceActivityOptions>? change = null)
    {
        var options = new VoiceActivityOptions { ModelPath = Path };
        change?.Invoke(options);
        return new SileroVoiceActivityDetectorFactory(
            Microsoft.Extensions.Options.Options.Create(options), Whisper.Runtime(), NullLogger<SileroVoiceActivityDetectorFactory>.Instance);
    }
}
