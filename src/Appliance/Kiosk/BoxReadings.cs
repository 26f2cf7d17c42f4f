namespace LiveStt.Appliance.Kiosk;

/// <summary>The box's own health, for the kiosk.</summary>
/// <param name="DiskFreeBytes">Space left where transcripts are written; null when it cannot be read.</param>
/// <param name="DiskTotalBytes">That disk's size.</param>
/// <param name="CpuTemperatureC">The hottest thermal zone, in °C; null on a box without a sensor.</param>
public sealed record BoxReadings(long? DiskFreeBytes, long? DiskTotalBytes, double? CpuTemperatureC);
