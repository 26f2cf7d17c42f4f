using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using LiveStt.Appliance.Backplane;
using LiveStt.Appliance.Tests.Audio;
using LiveStt.Appliance.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveStt.Appliance.Tests.Backplane;

/// <summary>
/// A caption source and a relay, two appliance processes joined through a real redis-server: the source captions real
/// speech with the real whisper runtime, phones read on the relay.
/// </summary>
public sealed class RelayProcessTests(LiveInputFixture fixture) : IClassFixture<LiveInputFixture>, IAsyncLifetime
{
    private const string Pin = "8642";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly string keyFile = Path.Combine(Path.GetTempPath(), $"livestt-relay-{Guid.NewGuid():N}.key");
    private RedisServer redis = null!;

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllBytesAsync(keyFile, RandomNumberGenerator.GetBytes(32));
        redis = await RedisServer.StartNewAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await redis.DisposeAsync();
        File.Delete(keyFile);
    }

    [Fact]
    public async Task A_phone_on_the_relay_gets_every_line_the_source_commits_and_stays_connected_while_the_source_restarts()
    {
        var sourceSettings = SourceSettings();
        await using var relay = await ApplianceProcess.StartAsync(RelaySettings());
        await using var phone = await LiveCaptionClient.ConnectAsync(relay);

        long beforeKill;
        string sessionId;
        await using (var source = await ApplianceProcess.StartAsync(sourceSettings))
        {
            var first = await phone.WaitForCommittedAsync(Patience);
            beforeKill = (await phone.WaitForCommittedAsync(Patience, afterSeq: first.Seq)).Seq;
            sessionId = (await source.StatusAsync()).GetProperty("session").GetProperty("sessionId").GetString()!;
            source.Kill();
        }

        var onDiskAtKill = LiveInputFixture.Transcripts(sourceSettings).Lines;
        await using (var again = await ApplianceProcess.StartAsync(sourceSettings))
        {
            await phone.WaitForCommittedAsync(Patience, afterSeq: Math.Max(beforeKill, onDiskAtKill[^1].Seq));
            phone.State.ShouldBe(HubConnectionState.Connected, "the relay's phone is not cut off by the source's restart");
            using var kiosk = await new KioskClient(again.BaseAddress).UnlockAsync(Pin);
            using var stop = await kiosk.PostAsync("/api/session/stop");
            stop.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var transcript = LiveInputFixture.Transcripts(sourceSettings).Lines;
        var lastSeen = phone.Committed[^1].Seq;
        await WaitUntilAsync(() => phone.Committed[^1].Seq == transcript[^1].Seq, $"the last line {transcript[^1].Seq} on the relay");

        var live = phone.Committed.Select(c => c.Seq).ToList();
        live.ShouldBe(live.Order().Distinct(), "live lines arrive once each, in order");
        var everything = phone.Backlogs.SelectMany(backlog => backlog).Concat(phone.Committed.Select(c => (c.Seq, c.Text)))
            .DistinctBy(line => line.Seq).OrderBy(line => line.Seq).ToList();
        everything.ShouldBe(transcript.Select(line => (line.Seq, line.Text)), "every line of the source's transcript, nothing else");
        lastSeen.ShouldBeGreaterThan(onDiskAtKill[^1].Seq);

        // A phone that had only the first line, back on the relay: everything after it, from Redis, then Earlier pages back.
        await using var resumed = await LiveCaptionClient.ConnectAsync(relay, query: $"?session={sessionId}&after={transcript[0].Seq}");
        await WaitUntilAsync(() => resumed.Backlog is not null, "the resuming phone's backlog");
        resumed.Backlog.ShouldBe(transcript.Skip(1).Select(line => (line.Seq, line.Text)), "every line after the one it had, beyond the relay's backlog of 2");
        var earlier = await resumed.EarlierAsync(sessionId, transcript[^1].Seq, 200);
        earlier.Lines.ShouldBe(transcript.SkipLast(1).Select(line => (line.Seq, line.Text)));
        earlier.More.ShouldBeFalse();
    }

    [Fact]
    public async Task Lines_committed_while_redis_is_down_reach_the_relay_once_it_is_back()
    {
        var sourceSettings = SourceSettings();
        await using var relay = await ApplianceProcess.StartAsync(RelaySettings());
        await using var source = await ApplianceProcess.StartAsync(sourceSettings);
        await using var phone = await LiveCaptionClient.ConnectAsync(relay);
        var first = await phone.WaitForCommittedAsync(Patience);
        (await relay.StatusAsync()).GetProperty("backplane").GetProperty("role").GetString().ShouldBe("relay");

        await redis.StopAsync();
        var linesAtOutage = (await source.StatusAsync()).GetProperty("session").GetProperty("committedLines").GetInt64();
        await source.WaitForStatusAsync(
            status => status.GetProperty("session").GetProperty("committedLines").GetInt64() >= linesAtOutage + 3,
            Patience,
            "three lines committed while Redis is down");
        var backplane = (await source.StatusAsync()).GetProperty("backplane");
        backplane.GetProperty("connected").GetBoolean().ShouldBeFalse();
        var committedWhileDown = LiveInputFixture.Transcripts(sourceSettings).Lines[^1].Seq;
        await redis.StartAsync();

        await phone.WaitForCommittedAsync(Patience, afterSeq: committedWhileDown);
        phone.State.ShouldBe(HubConnectionState.Connected);
        var transcript = LiveInputFixture.Transcripts(sourceSettings).Lines;
        var received = phone.Committed.Select(c => (c.Seq, c.Text)).ToList();
        received.ShouldBe(transcript.Where(line => line.Seq >= first.Seq && line.Seq <= received[^1].Seq).Select(line => (line.Seq, line.Text)),
            "every line, once each and in order, through the outage");
        (await source.StatusAsync()).GetProperty("backplane").GetProperty("eventsDropped").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task A_ticket_spent_on_one_box_is_refused_on_the_other_and_the_relay_runs_no_session()
    {
        await using var source = await ApplianceProcess.StartAsync(SourceSettings(("Streaming__AutoStart", "false")));
        await using var relay = await ApplianceProcess.StartAsync(RelaySettings());

        foreach (var (issuer, spentOn, triedOn) in new[] { (source, source, relay), (relay, relay, source), (source, relay, source) })
        {
            var ticket = await LiveCaptionClient.TicketAsync(issuer);
            await using (await LiveCaptionClient.ConnectAsync(spentOn, ticket))
            {
            }

            // Negotiating only looks at the ticket; spending it, at the WebSocket's upgrade, is where the other box's record counts.
            var refused = await Should.ThrowAsync<AggregateException>(() => LiveCaptionClient.ConnectAsync(triedOn, ticket));
            refused.InnerExceptions.ShouldHaveSingleItem().InnerException.ShouldBeOfType<WebSocketException>()
                .Message.ShouldBe("The server returned status code '401' when status code '101' was expected.");
        }

        using var kiosk = await new KioskClient(relay.BaseAddress).UnlockAsync(Pin);
        using var start = await kiosk.PostAsync("/api/session/start");
        start.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await start.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain(RelaySessionController.Refusal);
    }

    private Dictionary<string, string> SourceSettings(params (string Name, string Value)[] more) => OwnDataVolume(fixture.Settings(
        [
            ("Audio__Path", LiveInputFixture.Speech), ("Audio__Loop", "true"), ("Audio__Pacing", "RealTime"),
            ("Captions__Redis", redis.ConnectionString), ("Tickets__KeyFile", keyFile), ("Kiosk__Pin", Pin), .. more,
        ]));

    private Dictionary<string, string> RelaySettings() =>
        OwnDataVolume(fixture.Settings(
            ("Captions__Redis", redis.ConnectionString), ("Captions__Relay", "true"), ("Captions__BacklogLines", "2"), ("Tickets__KeyFile", keyFile), ("Kiosk__Pin", Pin)));

    /// <summary>Each box keeps its kiosk keys and settings beside its own transcripts, as on a box of its own.</summary>
    private static Dictionary<string, string> OwnDataVolume(Dictionary<string, string> settings)
    {
        var data = Path.GetDirectoryName(settings["Transcripts__Directory"])!;
        settings["Kiosk__KeyDirectory"] = Path.Combine(data, "keys");
        settings["Settings__InputPath"] = Path.Combine(data, "settings", "input.json");
        settings["Vocabulary__Path"] = Path.Combine(data, "settings", "vocabulary.json");
        return settings;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            waited.Elapsed.ShouldBeLessThan(Patience, $"waiting for {what}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
