namespace LiveStt.Appliance.Apis;

/// <summary>The whisper library as loaded, or why it could not be.</summary>
public sealed record WhisperStatus(string? Version, string? Backend, string? SystemInfo, string? Error);
