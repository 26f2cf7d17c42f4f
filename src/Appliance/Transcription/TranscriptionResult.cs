namespace LiveStt.Appliance.Transcription;

/// <summary>What one full decode produced, in time order.</summary>
public sealed record TranscriptionResult(IReadOnlyList<TranscribedSegment> Segments)
{
    public static TranscriptionResult Empty { get; } = new([]);
}
