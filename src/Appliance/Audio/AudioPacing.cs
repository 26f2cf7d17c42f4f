namespace LiveStt.Appliance.Audio;

/// <summary>How fast a file source delivers its audio.</summary>
public enum AudioPacing
{
    /// <summary>One frame per frame duration of wall-clock time, as a live input would.</summary>
    RealTime,

    /// <summary>As fast as the pipeline takes it (backpressure, nothing dropped): for tests and batch runs.</summary>
    AsFastAsPossible,
}
