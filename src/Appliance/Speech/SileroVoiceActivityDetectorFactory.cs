using LiveStt.Appliance.Interop.WhisperVad;
using LiveStt.Appliance.Transcription;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Speech;

/// <summary>
/// Loads the Silero model into the libwhisper Whisper.net loaded. Each session gets its own context (the model's
/// state follows one stream); loading takes a few milliseconds.
/// </summary>
internal sealed partial class SileroVoiceActivityDetectorFactory(
    IOptions<VoiceActivityOptions> options,
    IWhisperRuntime whisper,
    ILogger<SileroVoiceActivityDetectorFactory> logger)
    : IVoiceActivityDetectorFactory
{
    private readonly Lock gate = new();
    private WhisperVadLibrary? library;

    public IVoiceActivityDetector? Create()
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            Log.Disabled(logger);
            return null;
        }

        var path = Path.GetFullPath(settings.ModelPath);
        if (!File.Exists(path))
        {
            throw new VoiceActivityModelException(
                $"The voice-activity model '{path}' does not exist. The appliance image carries it; elsewhere set Vad:ModelPath " +
                "to a Silero model in whisper.cpp's ggml format (or Vad:Enabled=false to decode all audio, silence included).");
        }

        var vad = OpenLibrary();
        var parameters = vad.DefaultContextParams();
        parameters.Threads = settings.Threads;
        parameters.UseGpu = 0;
        _ = WhisperNativeLog.TakeFirstError();
        var context = vad.Load(path, parameters);
        if (context is null)
        {
            var reason = WhisperNativeLog.TakeFirstError();
            throw new VoiceActivityModelException(
                $"whisper could not load the voice-activity model '{path}'" + (reason is null ? "" : $": {reason}") +
                ". It must be a Silero model converted to whisper.cpp's ggml format.");
        }

        var name = Path.GetFileName(path);
        Log.Loaded(logger, path, settings.Threshold, settings.MinSpeechMs, settings.PrerollMs);
        return new SileroVoiceActivityDetector(vad, context, name);
    }

    private WhisperVadLibrary OpenLibrary()
    {
        lock (gate)
        {
            if (library is not null)
            {
                return library;
            }

            // Reading the runtime's info loads (and checks) the library Whisper.net picked.
            var libraryPath = whisper.Info.LibraryPath;
            try
            {
                library = WhisperVadLibrary.Open(libraryPath);
            }
            catch (DllNotFoundException ex)
            {
                throw new VoiceActivityModelException($"Voice-activity detection needs whisper.cpp's Silero functions: {ex.Message}", ex);
            }

            return library;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1680, LogLevel.Information, "Voice-activity model {ModelPath} loaded: speech from probability {Threshold}, after {MinSpeechMs} ms, with {PrerollMs} ms kept before it")]
        public static partial void Loaded(ILogger logger, string modelPath, double threshold, int minSpeechMs, int prerollMs);

        [LoggerMessage(1681, LogLevel.Warning, "Voice-activity detection is off (Vad:Enabled=false): all audio is decoded, silence and music included")]
        public static partial void Disabled(ILogger logger);
    }
}
