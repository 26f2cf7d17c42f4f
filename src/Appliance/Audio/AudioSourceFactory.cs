namespace LiveStt.Appliance.Audio;

internal sealed class AudioSourceFactory(TimeProvider timeProvider, ILoggerFactory loggerFactory) : IAudioSourceFactory
{
    /// <summary>ffmpeg as the image installs it (Debian's package), found on the PATH.</summary>
    private const string Ffmpeg = "ffmpeg";

    public IAudioSource Create(AudioOptions audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var stallTimeout = TimeSpan.FromMilliseconds(audio.StallTimeoutMs);
        var realTime = audio.Pacing == AudioPacing.RealTime;
        if (string.Equals(audio.Source, AudioOptions.AlsaSource, StringComparison.OrdinalIgnoreCase))
        {
            var logger = loggerFactory.CreateLogger<AlsaWaveIn>();
            return new LiveAudioSource(
                AudioOptions.AlsaSource, audio.Device, () => new AlsaWaveIn(audio.Device, logger), audio.Channel, audio.FrameMs, stallTimeout,
                isLive: realTime, timeProvider, loggerFactory.CreateLogger<LiveAudioSource>());
        }

        if (string.Equals(audio.Source, AudioOptions.StreamSource, StringComparison.OrdinalIgnoreCase))
        {
            var url = audio.Url!;
            var logger = loggerFactory.CreateLogger<FfmpegWaveIn>();
            return new LiveAudioSource(
                AudioOptions.StreamSource, StreamUrl.Mask(url), () => new FfmpegWaveIn(url, Ffmpeg, logger), audio.Channel, audio.FrameMs, stallTimeout,
                isLive: true, timeProvider, loggerFactory.CreateLogger<LiveAudioSource>());
        }

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
