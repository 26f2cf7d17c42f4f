namespace LiveStt.Appliance.Settings;

/// <summary>Where the settings a volunteer saves on the kiosk are kept. Bound from the "Settings" section.</summary>
public sealed class SettingsOptions
{
    public const string SectionName = "Settings";

    /// <summary>
    /// The input the kiosk chose (source, device or stream, channel, language), on the data volume so that it survives
    /// restarts and updates. What it sets overrides the <c>Audio</c> section and <c>Whisper:Language</c>; empty turns
    /// saving off.
    /// </summary>
    public string? InputPath { get; set; } = "/data/settings/input.json";
}
