using LiveStt.Appliance.Speech;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveStt.Appliance.NativeTests;

/// <summary>
/// The real Silero model: LIVESTT_VAD_MODEL (scripts/test.sh sets it to the copy the image build obtained), else the
/// copy inside the appliance image, where these tests also run.
/// </summary>
internal static class VadModel
{
    public static string Path
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("LIVESTT_VAD_MODEL");
            if (string.IsNullOrEmpty(path) && File.Exists(VoiceActivityOptions.ImageModelPath))
            {
                path = VoiceActivityOptions.ImageModelPath;
            }

            if (string.IsNullOrEmpty(path) || !File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"The Silero model was not found (LIVESTT_VAD_MODEL='{path}', image path {VoiceActivityOptions.ImageModelPath}); scripts/test.sh provides it.");
            }

            return path;
        }
    }

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
