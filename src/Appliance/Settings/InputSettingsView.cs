namespace LiveStt.Appliance.Settings;

/// <summary>The body of <c>GET /api/settings/input</c>.</summary>
/// <param name="Input">What the next session uses: the saved settings over the configured ones (URL passwords masked).</param>
/// <param name="Saved">Whether a volunteer saved settings; false means the box's configuration applies as installed.</param>
/// <param name="SavedAt">When they were saved.</param>
/// <param name="Problem">Why the saved file was not used (damaged, or no longer valid), or null.</param>
/// <param name="AppliesAtNextStart">The input is opened when a session starts: a change made while captions run is used from the next Start.</param>
public sealed record InputSettingsView(InputSettings Input, bool Saved, DateTimeOffset? SavedAt, string? Problem, bool AppliesAtNextStart = true);
