namespace LiveStt.Appliance.Speech;

/// <summary>What the voice-activity detector hears now, for status.</summary>
/// <param name="Model">The model's file name.</param>
/// <param name="Speech">Whether the session is inside speech (started, and not yet ended by a long enough pause).</param>
/// <param name="Probability">The latest 32 ms chunk's speech probability.</param>
public sealed record VadStatus(string Model, bool Speech, float Probability);
