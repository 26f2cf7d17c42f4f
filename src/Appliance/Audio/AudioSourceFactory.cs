using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Audio;

internal sealed class AudioSourceFactory(IOptions<AudioOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    : IAudioSourceFactory
{
    public IAudioSource Create()
    {
        var audio = options.Value;
        if (string.IsNullOrWhiteSpace(audio.Path))
        {
            throw new AudioSourceException("Audio:Path is not set, so there is no WAV file to play.");
        }

        return new WavFileAudioSource(
            audio.Path,
            audio.Loop,
            audio.Channel,
            audio.Pacing,
            audio.FrameMs,
            timeProvider,
            loggerFactory.CreateLogger<WavFileAudioSource>());
    }
}
