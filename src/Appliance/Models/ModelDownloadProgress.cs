namespace LiveStt.Appliance.Models;

/// <summary>A model download under way, so a first boot can show how far it has got rather than nothing.</summary>
public sealed record ModelDownloadProgress(string ModelName, long ReceivedBytes, long TotalBytes);
