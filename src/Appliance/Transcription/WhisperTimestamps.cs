namespace LiveStt.Appliance.Transcription;

/// <summary>Converts whisper's centisecond times into offsets inside the decoded buffer.</summary>
internal static class WhisperTimestamps
{
    /// <summary>whisper.cpp's sample rate: all input is 16 kHz mono.</summary>
    public const int SampleRate = 16_000;

    /// <summary>whisper.cpp reports times in units of 10 ms.</summary>
    private const long TicksPerCentisecond = TimeSpan.TicksPerMillisecond * 10;

    /// <summary>
    /// The time clamped into [0, <paramref name="bufferDuration"/>]. whisper can report times past the
    /// end of the audio (it thinks in 30 s windows, and an untrained model's timestamps are arbitrary);
    /// a caption must never claim to end after the sound it came from.
    /// </summary>
    public static TimeSpan Clamp(long centiseconds, TimeSpan bufferDuration)
    {
        if (centiseconds <= 0)
        {
            return TimeSpan.Zero;
        }

        return centiseconds > bufferDuration.Ticks / TicksPerCentisecond
            ? bufferDuration
            : TimeSpan.FromTicks(centiseconds * TicksPerCentisecond);
    }

    /// <summary>The time clamped into [0, <paramref name="bufferDuration"/>], for the same reason.</summary>
    public static TimeSpan Clamp(TimeSpan time, TimeSpan bufferDuration) =>
        time <= TimeSpan.Zero ? TimeSpan.Zero : time > bufferDuration ? bufferDuration : time;

    /// <summary>Duration of <paramref name="sampleCount"/> samples at 16 kHz.</summary>
    public static TimeSpan DurationOf(int sampleCount) =>
        TimeSpan.FromTicks(sampleCount * (TimeSpan.TicksPerSecond / SampleRate));
}
