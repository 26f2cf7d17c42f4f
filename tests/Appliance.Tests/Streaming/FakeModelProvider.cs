using LiveStt.Appliance.Models;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>Resolves whatever <c>resolve</c> gives (or throws), counting the calls.</summary>
internal sealed class FakeModelProvider(Func<ResolvedModel> resolve) : IModelProvider
{
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public ResolvedModel? Current { get; private set; }

    public ModelDownloadProgress? Download => null;

    public Task<ResolvedModel> ResolveAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        Current = resolve();
        return Task.FromResult(Current);
    }
}
