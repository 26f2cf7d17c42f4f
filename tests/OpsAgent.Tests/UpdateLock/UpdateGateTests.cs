using LiveStt.OpsAgent.Hosting;
using LiveStt.OpsAgent.UpdateLock;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveStt.OpsAgent.Tests.UpdateLock;

public sealed class UpdateGateTests
{
    private static readonly ManagedServiceOptions Appliance = new() { Name = "appliance", ContainerName = "a", Image = "x:1", WaitForIdleSession = true };
    private static readonly DateTimeOffset Noon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed class StatusClient(string? state, string? livenessFailure = null) : IApplianceStatusClient
    {
        public string? LivenessFailure { get; set; } = livenessFailure;

        public Task<ApplianceStatus?> GetStatusAsync(CancellationToken cancellationToken) =>
            Task.FromResult(state is null ? null : new ApplianceStatus(state, true, 100, null));

        public Task<string?> CheckLivenessAsync(CancellationToken cancellationToken) => Task.FromResult(LivenessFailure);
    }

    private sealed class Containers(bool running) : IContainerStates
    {
        public Task<bool> IsRunningAsync(string containerName, CancellationToken cancellationToken) => Task.FromResult(running);
    }

    private static UpdateGate Gate(IApplianceStatusClient appliance, bool containerRunning = true, FakeTimeProvider? time = null, OpsAgentOptions? options = null)
    {
        time ??= new FakeTimeProvider(Noon);
        return new UpdateGate(appliance, new Containers(containerRunning), new ApplianceLiveness(time), Options.Create(options ?? new OpsAgentOptions()), time);
    }

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
        var gate = Gate(new StatusClient("live"), time: time, options: new OpsAgentOptions { MaintenanceWindowStart = start, MaintenanceWindowEnd = end });

        gate.InMaintenanceWindow().ShouldBe(inWindow);
        (await gate.WhyWaitAsync(Appliance, CancellationToken.None)).ShouldBe(inWindow ? null : "captions are live");
    }

    [Theory]
    [InlineData("live", "captions are live")]
    [InlineData("paused", "captions are paused")]
    [InlineData("idle", null)]
    [InlineData("starting", null)]
    [InlineData("stopping", null)]
    [InlineData("faulted", null)]
    public async Task A_session_in_progress_holds_updates_and_no_other_state_does(string state, string? why)
    {
        (await Gate(new StatusClient(state)).WhyWaitAsync(Appliance, CancellationToken.None)).ShouldBe(why);
    }

    [Fact]
    public async Task Services_that_do_not_wait_for_the_session_are_never_held()
    {
        var gate = Gate(new StatusClient("live"));

        (await gate.WhyWaitAsync(new ManagedServiceOptions { Name = "agent", WaitForIdleSession = false }, CancellationToken.None)).ShouldBeNull();
        (await gate.WhyWaitAsync(Appliance, CancellationToken.None)).ShouldBe("captions are live");
    }

    [Fact]
    public async Task An_unreadable_status_holds_the_update_while_the_container_runs_and_answers_healthz()
    {
        var gate = Gate(new StatusClient(state: null));

        (await gate.WhyWaitAsync(Appliance, CancellationToken.None))
            .ShouldBe("the appliance's status cannot be read but its container runs and answers /healthz (it may be busy decoding)");
    }

    [Fact]
    public async Task An_unreachable_appliance_holds_the_update_until_healthz_has_failed_for_the_configured_time()
    {
        var time = new FakeTimeProvider(Noon);
        var appliance = new StatusClient(state: null, livenessFailure: "/healthz unreachable: Connection refused");
        var gate = Gate(appliance, time: time, options: new OpsAgentOptions { UnresponsiveUpdateAfter = TimeSpan.FromMinutes(5) });

        (await gate.WhyWaitAsync(Appliance, CancellationToken.None))
            .ShouldBe("the appliance's status cannot be read and /healthz has failed for 0 s of the 300 s after which an update goes ahead");
        time.Advance(TimeSpan.FromSeconds(299));
        (await gate.WhyWaitAsync(Appliance, CancellationToken.None))
            .ShouldBe("the appliance's status cannot be read and /healthz has failed for 299 s of the 300 s after which an update goes ahead");
        time.Advance(TimeSpan.FromSeconds(1));
        (await gate.WhyWaitAsync(Appliance, CancellationToken.None)).ShouldBeNull("five minutes without /healthz: updating may be the cure");
    }

    [Fact]
    public async Task A_healthz_answer_in_between_starts_the_unresponsive_time_again()
    {
        var time = new FakeTimeProvider(Noon);
        var appliance = new StatusClient(state: null, livenessFailure: "/healthz answered 503");
        var gate = Gate(appliance, time: time, options: new OpsAgentOptions { UnresponsiveUpdateAfter = TimeSpan.FromMinutes(5) });

        await gate.WhyWaitAsync(Appliance, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(4));
        appliance.LivenessFailure = null;
        await gate.WhyWaitAsync(Appliance, CancellationToken.None);
        appliance.LivenessFailure = "/healthz answered 503";
        time.Advance(TimeSpan.FromMinutes(2));

        (await gate.WhyWaitAsync(Appliance, CancellationToken.None))
            .ShouldBe("the appliance's status cannot be read and /healthz has failed for 0 s of the 300 s after which an update goes ahead");
    }

    [Fact]
    public async Task An_appliance_whose_container_is_not_running_is_captioning_nobody()
    {
        (await Gate(new StatusClient(state: null, "/healthz unreachable: Connection refused"), containerRunning: false).WhyWaitAsync(Appliance, CancellationToken.None))
            .ShouldBeNull();
    }

    [Fact]
    public async Task The_maintenance_window_lets_an_update_past_an_unreadable_appliance()
    {
        var gate = Gate(new StatusClient(state: null), options: new OpsAgentOptions { MaintenanceWindowStart = "11:00", MaintenanceWindowEnd = "13:00" });

        (await gate.WhyWaitAsync(Appliance, CancellationToken.None)).ShouldBeNull();
    }
}
