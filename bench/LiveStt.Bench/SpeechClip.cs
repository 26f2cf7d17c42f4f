namespace LiveStt.Bench;

/// <summary>One utterance of the shared speech as placed in a joined window: where it starts, ends, and where its speech ends.</summary>
/// <param name="Audio">The clip's path in the speech folder.</param>
/// <param name="StartSeconds">Its first sample's place in the window.</param>
/// <param name="EndSeconds">The end of its last sample in the window (or the window's end, where the window cuts it).</param>
/// <param name="SpeechEndSeconds">The end of its last 20 ms frame louder than -40 dBFS: where its speech ends, before trailing silence.</param>
internal sealed record SpeechClip(string Audio, double StartSeconds, double EndSeconds, double SpeechEndSeconds);
