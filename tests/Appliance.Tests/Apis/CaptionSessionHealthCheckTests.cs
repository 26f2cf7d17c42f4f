using LiveStt.Appliance.Apis;
using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Transcripts;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveStt.Appliance.Tests.Apis;

public sealed class CaptionSessionHealthCheckTests
{
    [Fact]
    public async Task A_live_session_whose_transcript_is_not_written_is_degraded_with_the_reason()
    {
        var transcript = new TranscriptStatus("/data/transcripts/x.jsonl", Writing: false, Pending: 7, DroppedLines: 0, "No space left on device : '/data/transcripts/x.jsonl'");

        var result = await CheckAsync(new SessionSnapshot("1a2b3c4d", SessionStates.Live, null, null, true, 0, 0, 6, null, Transcript: transcript));

        result.Status.ShouldBe(HealthStatus.Degraded);
        result.Description.ShouldBe("caption session live, but its transcript is not being written: No space left on device : '/data/transcripts/x.jsonl'; 7 records waiting, 0 lines lost");
    }

    [Fact]
    public async Task A_live_session_writing_its_transcript_and_an_ended_one_are_healthy_and_a_fault_is_unhealthy()
    {
        var writing = new TranscriptStatus("/data/transcripts/x.jsonl", Writing: true, Pending: 0, DroppedLines: 0, null);
        var stuck = writing with { Writing = false, Pending = 3, Error = "No space left on device" };

        (await CheckAsync(new SessionSnapshot("1a2b3c4d", SessionStates.Live, null, null, true, 0, 0, 6, null, Transcript: writing))).Status.ShouldBe(HealthStatus.Healthy);
        (await CheckAsync(new SessionSnapshot("1a2b3c4d", SessionStates.Idle, null, null, false, 0, 0, 6, null, Transcript: stuck))).Status.ShouldBe(HealthStatus.Healthy, "no session is open");
        var faulted = await CheckAsync(new SessionSnapshot("1a2b3c4d", SessionStates.Faulted, null, null, false, 0, 0, 0, "no model"));
        faulted.Status.ShouldBe(HealthStatus.Unhealthy);
        faulted.Description.ShouldBe("caption session faulted: no model");
    }

    private static Task<HealthCheckResult> CheckAsync(SessionSnapshot snapshot) =>
        new CaptionSessionHealthCheck(new FixedSession(snapshot)).CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

    private sealed class FixedSession(SessionSnapshot snapshot) : ICaptionSessionState
    {
        public SessionSnapshot Current => snapshot;
    }
}
