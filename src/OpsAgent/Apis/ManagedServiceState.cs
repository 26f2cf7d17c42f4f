namespace LiveStt.OpsAgent.Apis;

/// <summary>One managed service's container as Docker sees it. A container that does not exist has only its names and the status "missing".</summary>
/// <param name="Name">The service's name in the settings.</param>
/// <param name="ContainerName">The container the service runs in.</param>
/// <param name="Id">The container's ID.</param>
/// <param name="Image">The image ID it runs.</param>
/// <param name="Status">Docker's state ("running", "exited", …) or "missing".</param>
/// <param name="Health">Docker's health status, where the image has a health check.</param>
/// <param name="RestartCount">How often Docker restarted it.</param>
internal sealed record ManagedServiceState(string Name, string ContainerName, string? Id, string? Image, string? Status, string? Health, long? RestartCount);
