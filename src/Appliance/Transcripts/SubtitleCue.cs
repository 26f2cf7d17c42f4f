namespace LiveStt.Appliance.Transcripts;

/// <summary>One subtitle cue: at most <see cref="TranscriptExport.MaxRows"/> rows shown from StartMs to EndMs.</summary>
internal readonly record struct SubtitleCue(long StartMs, long EndMs, IReadOnlyList<string> Rows);
