namespace LiveStt.OpsAgent.Updates;

/// <summary>Steps of a container swap, journaled before each is taken so a restart knows where it stood.</summary>
public enum SwapStep
{
    /// <summary>New image is present; the new container is about to be created (stopped, beside the old one).</summary>
    Prepared,

    /// <summary>New container exists, not started; the old one is about to be stopped.</summary>
    Created,

    /// <summary>Old container is stopped; the new one is about to be started.</summary>
    OldStopped,

    /// <summary>New container started; waiting for it to become healthy.</summary>
    NewStarted,

    /// <summary>New container proved healthy; the old one is being removed and the new one takes the name.</summary>
    Committing,

    /// <summary>New container failed (or the swap was interrupted before commit); going back to the old one.</summary>
    RollingBack,
}
