namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// The updates waiting for the appliance's session to end, one per service, on disk (an agent restart keeps them).
/// Whoever keeps something for a deferred update (the drop folder keeps its tarball) hears when it is finished.
/// </summary>
internal sealed class DeferredUpdates(AgentStateStore state, UpdateHistory history, TimeProvider time)
{
    /// <summary>Raised once a deferred update has been applied, has failed, or was superseded by another update.</summary>
    public event Action<string, DeferredUpdate, UpdateResult>? Finished;

    public IReadOnlyDictionary<string, DeferredUpdate> All => state.Deferred();

    public void Defer(string service, string imageId, string target, string? tarball, string why)
    {
        var since = state.Deferred().TryGetValue(service, out var existing) && existing.Target == target ? existing.Since : time.GetUtcNow();
        if (state.SetDeferred(service, new DeferredUpdate(imageId, target, tarball ?? existing?.Tarball, since)))
        {
            history.Record(service, "deferred", $"update to {ContainerSwapper.ShortId(target)} waits: {why}");
        }
    }

    /// <summary>Ends the service's deferral with the result of what happened instead.</summary>
    public void Finish(string service, UpdateResult result)
    {
        if (state.ClearDeferred(service) is { } finished)
        {
            Finished?.Invoke(service, finished, result);
        }
    }
}
