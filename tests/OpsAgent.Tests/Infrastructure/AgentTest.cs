namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>
/// What most agent tests begin with: a fake appliance for the agent to point at, fresh for each test so one test's
/// session state never reaches another, and at the end no test container left behind, even when the test failed.
/// </summary>
public abstract class AgentTest(DockerFixture engine) : IAsyncLifetime
{
    /// <summary>The real Docker engine, registry and test images.</summary>
    protected DockerFixture Engine { get; } = engine;

    protected FakeAppliance Appliance { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync() => Appliance = await FakeAppliance.StartAsync();

    public virtual async ValueTask DisposeAsync()
    {
        try
        {
            await Engine.RemoveTestContainersAsync();
        }
        finally
        {
            if (Appliance is not null)
            {
                await Appliance.DisposeAsync();
            }
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Settings for an agent managing one service, pointed at this test's appliance.</summary>
    protected AgentSettings Settings(string service, string container, string image, bool waitForIdleSession = true) =>
        new(service, container, image, Appliance.Url, waitForIdleSession);

    /// <summary>A container name no other test uses, with the prefix test clean-up looks for.</summary>
    protected static string NewContainerName(string what) => $"opsagent-test-{what}-{Guid.NewGuid().ToString("N")[..6]}";
}
