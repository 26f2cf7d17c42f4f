using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using LiveStt.Appliance.Tests.Audio;
using LiveStt.Appliance.Tests.Captions;
using LiveStt.Appliance.Transcription;
using LiveStt.Tests.Speech;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveStt.Appliance.Tests.Faults;

/// <summary>
/// The whole appliance (real whisper through Whisper.net, a generated model, recorded speech, the caption hub over a
/// real WebSocket) with its third decode failing in whisper's native call (whisper_full returning an error code): the session stays live, status counts
/// the failure and says why, and captions go on after it, the same at the viewer as in the transcript.
/// </summary>
public sealed class DecodeFailureApplianceTests(LiveInputFixture fixture) : IClassFixture<LiveInputFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_failed_decode_is_counted_in_status_and_captions_flow_after_it()
    {
        FailingDecodes? failing = null;
        var settings = fixture.Settings(
            ("Audio__Path", LiveInputFixture.Speech),
            ("Audio__Loop", "true"),
            ("Audio__Pacing", "RealTime"),
            ("Streaming__AutoStart", "true"),
            ("Whisper__Threads", "2"),
            ("Vad__ModelPath", VadModelFile.Path));
        await using var host = ApplianceTestHost.Start(
            settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value),
            services: services => services.Replace(ServiceDescriptor.Singleton<IWhisperRuntime>(provider =>
                failing = new FailingDecodes(ActivatorUtilities.CreateInstance<WhisperRuntime>(provider), failOn: 3))));
        var received = new ConcurrentQueue<(long Seq, string Kind, string Text)>();
        await using var viewer = host.CreateViewer((await host.IssueTicketAsync()).Ticket);
        viewer.On<JsonElement>("caption", c => received.Enqueue((c.GetProperty("seq").GetInt64(), c.GetProperty("kind").GetString()!, c.GetProperty("text").GetString()!)));
        await viewer.StartAsync(TestContext.Current.CancellationToken);

        var failed = await WaitForStatusAsync(host, s => s.GetProperty("session").GetProperty("decodeFailures").GetInt64() == 1, "the failed decode to be counted");
        var seqAtFailure = received.IsEmpty ? 0 : received.Max(c => c.Seq);
        var session = failed.GetProperty("session");
        session.GetProperty("state").GetString().ShouldBe("live");
        session.GetProperty("lastDecodeError").GetString().ShouldBe(
            $"whisper_full failed with code -5 on {failing.ShouldNotBeNull().FailedSamples} samples: whisper_full_with_state: audio_ctx is larger than the maximum allowed (4096 > 1500)");
        session.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        (await host.Http.GetStringAsync("/healthz", TestContext.Current.CancellationToken)).ShouldBe("Healthy: caption session live\n");

        await WaitUntilAsync(() => received.Any(c => c.Kind == "committed" && c.Seq > seqAtFailure), "a committed caption after the failure");
        var status = await WaitForStatusAsync(host, s => s.GetProperty("session").GetProperty("decodes").GetInt64() >= 3, "decodes after the failure");
        status.GetProperty("session").GetProperty("state").GetString().ShouldBe("live");
        status.GetProperty("session").GetProperty("decodeFailures").GetInt64().ShouldBe(1);
        failing.ShouldNotBeNull().Decodes.ShouldBeGreaterThan(3);

        await host.StopKeepingDataAsync();
        var transcript = LiveInputFixture.Transcripts(settings).Lines;
        var committed = received.Where(c => c.Kind == "committed").ToList();
        committed.ShouldNotBeEmpty();
        transcript.Select(l => (l.Seq, l.Text)).Take(committed.Count).ShouldBe(committed.Select(c => (c.Seq, c.Text)), "the viewer got every transcript line, the same");
    }

    private static async Task<JsonElement> WaitForStatusAsync(ApplianceTestHost host, Func<JsonElement, bool> condition, string what)
    {
        var last = "(none)";
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var status = await host.Http.GetFromJsonAsync<JsonElement>("/api/status", TestContext.Current.CancellationToken);
            last = status.ToString();
            if (condition(status))
            {
                return status;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"waiting for {what}; last status {last}");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"waiting for {what}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
