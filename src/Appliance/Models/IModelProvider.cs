namespace LiveStt.Appliance.Models;

/// <summary>Finds, downloads and verifies the configured model.</summary>
public interface IModelProvider
{
    /// <summary>The model most recently resolved, or null before the first successful resolve.</summary>
    ResolvedModel? Current { get; }

    /// <summary>The download in progress, or null when nothing is being downloaded.</summary>
    ModelDownloadProgress? Download { get; }

    Task<ResolvedModel> ResolveAsync(CancellationToken cancellationToken);
}
