namespace LiveStt.Appliance.Audio;

/// <summary>A capture device the box has, as GET /api/audio/devices lists it.</summary>
/// <param name="Name">What to put in Audio:Device, e.g. <c>plughw:CARD=CODEC,DEV=0</c>.</param>
/// <param name="Description">What the driver or the configuration calls it, e.g. "USB Audio CODEC, USB Audio".</param>
/// <param name="Card">The sound card's name when the device is one card's, else null (plugins such as <c>default</c>).</param>
public sealed record AudioDevice(string Name, string Description, string? Card);
