namespace LiveStt.Appliance.Audio;

/// <summary>Where the caption session's audio comes from. Bound from the "Audio" section.</summary>
public sealed class AudioOptions
{
    public const string SectionName = "Audio";

    /// <summary>The <see cref="Source"/> kind that plays a WAV file.</summary>
    public const string WavSource = "wav";

    /// <summary>The <see cref="Source"/> kind that captures from an ALSA device.</summary>
    public const string AlsaSource = "alsa";

    /// <summary>The <see cref="Source"/> kind that reads a network stream through ffmpeg.</summary>
    public const string StreamSource = "stream";

    /// <summary>Kind of input: "wav" (a file), "alsa" (a sound card or USB interface) or "stream" (a network stream).</summary>
    public string Source { get; set; } = WavSource;

    /// <summary>
    /// The WAV file to play: PCM 8/16/24/32-bit or float, any rate, mono or stereo. Checked when a
    /// session starts, so a missing file faults the session rather than stopping the host.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>Start again from the beginning when the file ends, instead of ending the session.</summary>
    public bool Loop { get; set; }

    /// <summary>The ALSA capture device (PCM name), e.g. <c>default</c> or <c>plughw:CARD=CODEC,DEV=0</c>.</summary>
    public string Device { get; set; } = "default";

    /// <summary>
    /// The stream to read: any URL ffmpeg reads (srt, rtmp, rtsp, udp, http(s) for Icecast or HLS), or the path of an
    /// .sdp file describing an RTP session (AES67).
    /// </summary>
    public string? Url { get; set; }

    /// <summary>A live input that delivers nothing for this long counts as lost, and is opened again.</summary>
    public int StallTimeoutMs { get; set; } = 3000;

    /// <summary>Which channel of a stereo input is captioned: both mixed, or the left or right one alone.</summary>
    public AudioChannel Channel { get; set; } = AudioChannel.Mix;

    /// <summary>
    /// Deliver audio in real time, as a live input would, or as fast as the pipeline takes it. For an ALSA device,
    /// <c>AsFastAsPossible</c> is only for a PCM with no clock of its own (ALSA's file plugin replaying a recording).
    /// </summary>
    public AudioPacing Pacing { get; set; } = AudioPacing.RealTime;

    /// <summary>Length of each frame pushed to the pipeline, in milliseconds (10 to 1000).</summary>
    public int FrameMs { get; set; } = 100;

    /// <summary>A copy to change without touching the configured options.</summary>
    public AudioOptions Copy() => (AudioOptions)MemberwiseClone();
}
