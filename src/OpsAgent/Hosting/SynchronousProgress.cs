namespace LiveStt.OpsAgent.Hosting;

/// <summary>
/// Reports on the caller's thread. Docker.DotNet streams an operation's messages (pull, load, push, build,
/// events) into an IProgress; Progress&lt;T&gt; posts each one to the thread pool, so a message could still be
/// arriving after the call returned, and an error in it missed by the check that follows.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
