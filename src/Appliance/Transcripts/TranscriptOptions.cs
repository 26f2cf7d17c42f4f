namespace LiveStt.Appliance.Transcripts;

/// <summary>Where sessions' transcripts are kept, and for how long. Bound from the "Transcripts" section.</summary>
public sealed class TranscriptOptions
{
    public const string SectionName = "Transcripts";

    /// <summary>Folder for the sessions' transcript files (one per session); empty turns transcripts off.</summary>
    public string? Directory { get; set; } = "/data/transcripts";

    /// <summary>Transcripts whose session ended longer ago than this many days are deleted (0 to 3650; 0 keeps them all).</summary>
    public int RetentionDays { get; set; } = 30;
}
