namespace LiveStt.Appliance.Audio;

/// <summary>The states of <see cref="AudioInputStatus.State"/>.</summary>
public static class AudioInputStates
{
    /// <summary>Opening the device or connecting to the stream; no audio yet.</summary>
    public const string Connecting = "connecting";

    /// <summary>Audio is arriving.</summary>
    public const string Receiving = "receiving";

    /// <summary>The input is lost or cannot be opened; <see cref="AudioInputStatus.Reason"/> says why, and it is tried again.</summary>
    public const string NoAudio = "no-audio";

    /// <summary>The session has stopped reading it.</summary>
    public const string Stopped = "stopped";
}
