namespace LiveStt.Appliance.Models;

/// <summary>The models that can be named in configuration.</summary>
public interface IModelCatalog
{
    IReadOnlyList<ModelCatalogEntry> Entries { get; }

    /// <summary>The entry for a configured name (case-insensitive), or null.</summary>
    ModelCatalogEntry? Find(string name);
}
