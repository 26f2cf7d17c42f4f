namespace LiveStt.Appliance.Models;

/// <summary>Finds, downloads and verifies the configured model.</summary>
public interface IModelProvider
{
    Task<ResolvedModel> ResolveAsync(CancellationToken cancellationToken);
}
