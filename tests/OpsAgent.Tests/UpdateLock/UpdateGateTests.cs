using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.UpdateLock;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveStt.OpsAgent.Tests.UpdateLock;

public sealed class UpdateGateTests
{
    private sealed class LiveAppliance(string state) : IApplianceStatusClient
    {
        public Task<ApplianceStatus?> GetStatusAsync(CancellationToken cancellationToken) =>
            Task.FromResult<ApplianceStatus?>(new ApplianceStatus(state, true, 100, null));

        public Task<string?> CheckLivenessAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }

    private static readonly ManagedServiceOptions Appliance = new() { Name = "appliance", ContainerName = "a", Image = "x:1", WaitForIdleSession = true };

    [Theory]
    [InlineData("02:00", "04:00", "2026-01-01T03:00:00Z", true)]
    [InlineData("02:00", "04:00", "2026-01-01T04:00:00Z", false)]
    [InlineData("02:00", "04:00", "2026-01-01T01:59:00Z", false)]
    [InlineData("23:30", "01:00", "2026-01-01T00:30:00Z", true)]
    [InlineData("23:30", "01:00", "2026-01-01T23:45:00Z", true)]
    [InlineData("23:30", "01:00", "2026-01-01T12:00:00Z", false)]
    public async Task Live_captions_hold_updates_except_in_the_maintenance_window(string start, string end, string now, bool inWindow)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        var gate = new UpdateGate(new LiveAppliance("live"),
            Options.Create(new OpsAgentOptions { MaintenanceWindowStart = start, MaintenanceWindowEnd = end }), time);

        gate.InMaintenanceWindow().ShouldBe(inWindow);
        (await gate.WhyWaitAsync(Appliance, CancellationToken.None)).ShouldBe(inWindow ? null : "captions are live");
    }

    [Theory]
    [InlineData("idle")]
    [InlineData("starting")]
    [InlineData("stopping")]
    [InlineData("faulted")]
    public async Task Only_a_live_session_holds_updates(string state)
    {
        var gate = new UpdateGate(new LiveAppliance(state), Options.Create(new OpsAgentOptions()), TimeProvider.System);

        (await gate.WhyWaitAsync(Appliance, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Services_that_do_not_wait_for_the_session_are_never_held()
    {
        var gate = new UpdateGate(new LiveAppliance("live"), Options.Create(new OpsAgentOptions()), TimeProvider.System);

        (await gate.WhyWaitAsync(new ManagedServiceOptions { Name = "agent", WaitForIdleSession = false }, CancellationToken.None)).ShouldBeNull();
        (await gate.WhyWaitAsync(Appliance, CancellationToken.None)).ShouldBe("captions are live");
    }
}
