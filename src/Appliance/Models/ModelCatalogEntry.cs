namespace LiveStt.Appliance.Models;

/// <summary>A downloadable model: its published file name, exact size and SHA-1.</summary>
/// <param name="Name">The name configured as Models:Name, e.g. base.en.</param>
/// <param name="FileName">File name under the download base URL and in the cache directory.</param>
/// <param name="SizeBytes">Exact size of the published file.</param>
/// <param name="Sha1">Lower-case hex SHA-1 of the published file.</param>
public sealed record ModelCatalogEntry(string Name, string FileName, long SizeBytes, string Sha1);
