namespace LiveStt.Appliance.Settings;

/// <summary>
/// The caption input as the kiosk sets it (<c>GET/PUT /api/settings/input</c>): where the audio comes from and what
/// language is spoken. A WAV source plays the configured file (<c>Audio:Path</c>); the kiosk cannot name another.
/// </summary>
/// <param name="Source">wav, alsa or stream.</param>
/// <param name="Device">For alsa: the capture device, from <c>GET /api/audio/devices</c>.</param>
/// <param name="Url">For stream: the stream's address. Read back with any password masked; sent back masked, the saved one is kept.</param>
/// <param name="Channel">Of a stereo input: Mix, Left or Right.</param>
/// <param name="Language">The spoken language's code, or "auto".</param>
public sealed record InputSettings(string? Source, string? Device, string? Url, string? Channel, string? Language);
