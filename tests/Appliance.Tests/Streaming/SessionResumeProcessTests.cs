using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using LiveStt.Appliance.Tests.Audio;
using LiveStt.Appliance.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveStt.Appliance.Tests.Streaming;

/// <summary>
/// The appliance as a process (real whisper runtime, Silero model, a generated model, real speech) killed with SIGKILL
/// mid-session and started again on the same transcripts: the same session goes on, and a phone that says what it
/// has gets exactly the lines it missed.
/// </summary>
public sealed class SessionResumeProcessTests(LiveInputFixture fixture) : IClassFixture<LiveInputFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task After_kill_9_the_appliance_goes_on_with_the_session_and_a_reconnecting_phone_gets_only_what_it_missed()
    {
        var settings = fixture.Settings(("Audio__Path", LiveInputFixture.Speech), ("Audio__Loop", "true"), ("Audio__Pacing", "RealTime"));
        string sessionId;
        long firstSeen;
        await using (var appliance = await ApplianceProcess.StartAsync(settings))
        {
            await using var phone = await LiveCaptionClient.ConnectAsync(appliance);
            var first = await phone.WaitForCommittedAsync(Patience);
            await phone.WaitForCommittedAsync(Patience, afterSeq: first.Seq);
            firstSeen = first.Seq;
            sessionId = (await appliance.StatusAsync()).GetProperty("session").GetProperty("sessionId").GetString()!;
            appliance.Kill();
        }

        var onDisk = LiveInputFixture.Transcripts(settings).Lines;
        onDisk.Count.ShouldBeGreaterThanOrEqualTo(2);

        await using var again = await ApplianceProcess.StartAsync(settings);
        var live = await again.WaitForStatusAsync(s => s.GetProperty("session").GetProperty("state").GetString() == "live", Patience, "the session to be live again");
        live.GetProperty("session").GetProperty("sessionId").GetString().ShouldBe(sessionId);
        live.GetProperty("session").GetProperty("committedLines").GetInt64().ShouldBeGreaterThanOrEqualTo(onDisk.Count);

        // A phone that had only the first line when the box went down.
        var backlog = new TaskCompletionSource<CaptionWire[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var captions = new ConcurrentQueue<CaptionWire>();
        await using var reconnected = new HubConnectionBuilder()
            .WithUrl(new Uri(again.BaseAddress, $"/hubs/captions?session={sessionId}&after={firstSeen}"), options =>
                options.AccessTokenProvider = async () => await TicketAsync(again))
            .Build();
        reconnected.On<JsonElement>("backlog", lines => backlog.TrySetResult(lines.Deserialize<CaptionWire[]>(JsonSerializerOptions.Web)!));
        reconnected.On<CaptionWire>("caption", captions.Enqueue);
        await reconnected.StartAsync(TestContext.Current.CancellationToken);

        var missed = await backlog.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        missed.Where(c => c.Seq <= onDisk[^1].Seq).Select(c => (c.SessionId, c.Seq, c.Text))
            .ShouldBe(onDisk.Where(line => line.Seq > firstSeen).Select(line => (sessionId, line.Seq, line.Text)), "the lines after the one it had, once each");
        missed.ShouldAllBe(c => c.Kind == "committed" && c.Seq > firstSeen);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!captions.Any(c => c.Kind == "committed"))
        {
            waited.Elapsed.ShouldBeLessThan(Patience, $"no new line after the restart\n{again.Output}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        var next = captions.First(c => c.Kind == "committed");
        next.SessionId.ShouldBe(sessionId);
        next.Seq.ShouldBeGreaterThan(onDisk[^1].Seq, "seq goes on after the last line on disk");
        var transcripts = Directory.GetFiles(settings["Transcripts__Directory"], "*.jsonl");
        transcripts.ShouldHaveSingleItem();
        var lines = LiveInputFixture.Transcripts(settings).Lines;
        lines.Take(onDisk.Count).ShouldBe(onDisk, "what was on disk at the kill is kept as it was");
        lines.Select(line => line.Seq).ShouldBeInOrder(SortDirection.Ascending);
        lines.Select(line => line.Seq).Distinct().Count().ShouldBe(lines.Count);
    }

    private static async Task<string?> TicketAsync(ApplianceProcess appliance)
    {
        using var response = await appliance.Http.PostAsync("/api/tickets", content: null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString();
    }

    /// <summary>A caption as the hub sends it.</summary>
    private sealed record CaptionWire(string SessionId, long Seq, string Kind, string Text, long StartMs, long EndMs);
}
