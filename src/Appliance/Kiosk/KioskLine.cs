namespace LiveStt.Appliance.Kiosk;

/// <summary>A recent committed line, so the volunteer sees captions are flowing.</summary>
public sealed record KioskLine(long Seq, string Text);
