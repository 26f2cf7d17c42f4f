namespace LiveStt.Appliance.Audio;

/// <summary>Where the caption session's audio comes from. Bound from the "Audio" section.</summary>
public sealed class AudioOptions
{
    public const string SectionName = "Audio";

    /// <summary>The <see cref="Source"/> kind that plays a WAV file.</summary>
    public const string WavSource = "wav";

    /// <summary>Kind of input. Only "wav" (a file) for now; live capture kinds come later.</summary>
    public string Source { get; set; } = WavSource;

    /// <summary>
    /// The WAV file to play: PCM 8/16/24/32-bit or float, any rate, mono or stereo. Checked when a
    /// session starts, so a missing file faults the session rather than stopping the host.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>Start again from the beginning when the file ends, instead of ending the session.</summary>
    public bool Loop { get; set; }

    /// <summary>Which channel of a stereo input is captioned: both mixed, or the left or right one alone.</summary>
    public AudioChannel Channel { get; set; } = AudioChannel.Mix;

    /// <summary>Deliver audio in real time, as a live input would, or as fast as the pipeline takes it.</summary>
    public AudioPacing Pacing { get; set; } = AudioPacing.RealTime;

    /// <summary>Length of each frame pushed to the pipeline, in milliseconds (10 to 1000).</summary>
    public int FrameMs { get; set; } = 100;
}
