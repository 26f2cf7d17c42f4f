namespace LiveStt.Appliance.Guards;

/// <summary>How much decoded text the caption guards refused since the session started, per reason.</summary>
public sealed record SuppressedCounts(long NoSpeech, long Repetition, long Blocklist, long Compression, long Silence)
{
    public static SuppressedCounts None { get; } = new(0, 0, 0, 0, 0);
}
