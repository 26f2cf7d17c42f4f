namespace LiveStt.Appliance.Models;

/// <summary>A model file on disk, ready to load.</summary>
/// <param name="Name">Catalog name (e.g. base.en) or the file name of a model given as a path.</param>
/// <param name="IsDemo">A generated random-weight model: it produces text, but not from speech.</param>
public sealed record ResolvedModel(string Name, string Path, long SizeBytes, bool IsDemo);
