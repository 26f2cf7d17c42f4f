namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// The Docker calls of a swap that change what runs, each followed by a journal write. A crash right after one
/// leaves the journal a step behind the engine; recovery must still end with exactly one running version.
/// </summary>
internal enum SwapCall
{
    /// <summary>The new container was created (not yet journaled as <see cref="SwapStep.Created"/>).</summary>
    CreatedNew,

    /// <summary>The old container was stopped (not yet journaled as <see cref="SwapStep.OldStopped"/>): nothing runs.</summary>
    StoppedOld,

    /// <summary>The new container was started (not yet journaled as <see cref="SwapStep.NewStarted"/>).</summary>
    StartedNew,

    /// <summary>Rolling back: the new container was stopped, the old one not yet started.</summary>
    StoppedNew,

    /// <summary>Rolling back: the old container runs again, the new one not yet removed.</summary>
    StartedOld,

    /// <summary>Committing: the old container was removed, the new one not yet renamed.</summary>
    RemovedOld,

    /// <summary>Committing: the new container has the service's name; the journal is not yet deleted.</summary>
    Renamed,
}
