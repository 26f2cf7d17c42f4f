namespace LiveStt.Appliance.Streaming;

/// <summary>A decoded word placed on the session's audio clock (ms since the audio started).</summary>
/// <param name="Text">The word with any punctuation whisper attached, without surrounding spaces.</param>
public sealed record TimedWord(string Text, long StartMs, long EndMs);
