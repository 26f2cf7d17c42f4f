namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>A line the overlay shows: its session, seq and text.</summary>
internal sealed record OverlayLine(string Session, long Seq, string Text);
