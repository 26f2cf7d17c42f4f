namespace LiveStt.Appliance.Transcripts;

/// <summary>Where sessions' transcripts are kept, and for how long. Bound from the "Transcripts" section.</summary>
public sealed class TranscriptOptions
{
    public const string SectionName = "Transcripts";

    /// <summary>Folder for the sessions' transcript files (one per session); empty turns transcripts off.</summary>
    public string? Directory { get; set; } = "/data/transcripts";

    /// <summary>Transcripts whose session ended longer ago than this many days are deleted (0 to 3650; 0 keeps them all).</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>
    /// Records (committed lines, pauses, the end) a session's transcript may hold in memory while the disk refuses them
    /// (the data volume is full), to write in order once it takes them again; 1 to 100000. Beyond it, records are
    /// dropped and counted, and a <c>gap</c> record marks the place. The default holds hours of speech in about 1 MB.
    /// </summary>
    public int PendingRecords { get; set; } = 5000;
}
