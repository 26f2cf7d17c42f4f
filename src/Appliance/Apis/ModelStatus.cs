namespace LiveStt.Appliance.Apis;

/// <param name="IsDemo">A generated random-weight model: the viewer says so plainly.</param>
public sealed record ModelStatus(string Name, bool IsDemo, long SizeBytes);
