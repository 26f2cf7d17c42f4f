namespace LiveStt.Bench;

/// <summary>Where a clip of speech was put in a played file (ms from the file's first sample).</summary>
internal sealed record PlacedUtterance(string Clip, long StartMs, long EndMs);
