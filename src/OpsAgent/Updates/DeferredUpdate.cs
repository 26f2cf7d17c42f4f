namespace LiveStt.OpsAgent.Updates;

/// <summary>An update that waits for the appliance's session to end, kept on disk so that an agent restart keeps it.</summary>
/// <param name="ImageId">The image to swap in (pulled by digest, or loaded from a tarball).</param>
/// <param name="Target">A registry digest, or "tarball:" and the image ID.</param>
/// <param name="Tarball">The drop folder's copy of the tarball, kept until the update is applied; null for registry updates.</param>
/// <param name="Since">When the update was first deferred.</param>
internal sealed record DeferredUpdate(string ImageId, string Target, string? Tarball, DateTimeOffset Since);
