namespace LiveStt.Appliance.Audio;

/// <summary>Which channel of a stereo input becomes the mono audio whisper hears.</summary>
public enum AudioChannel
{
    /// <summary>Both channels averaged.</summary>
    Mix,

    /// <summary>The left channel only: sound desks often send the speech microphone on one side.</summary>
    Left,

    /// <summary>The right channel only.</summary>
    Right,
}
