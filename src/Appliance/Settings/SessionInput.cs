using LiveStt.Appliance.Audio;

namespace LiveStt.Appliance.Settings;

/// <summary>What one caption session is started with: its audio input and the language spoken.</summary>
internal sealed record SessionInput(AudioOptions Audio, string Language);
