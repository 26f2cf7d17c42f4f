using System.Text.Json;
using LiveStt.EndToEnd.Tests.Infrastructure;

namespace LiveStt.EndToEnd.Tests;

/// <summary>Committed captions outlive the process that made them: kill -9, then a restart.</summary>
public sealed class TranscriptDurabilityTests
{
    [Fact]
    public async Task Every_committed_line_a_viewer_saw_is_in_the_transcript_after_kill_9_and_survives_the_restart()
    {
        // Its own container: killing the suite's shared one would take it from the other tests.
        var appliance = new ApplianceContainer { LogName = "appliance-killed", KioskPin = "270451" };
        try
        {
            await appliance.InitializeAsync();
            var ticket = await CaptionViewer.GetTicketAsync(appliance);
            await using (var viewer = CaptionViewer.Create(appliance, ticket))
            {
                await viewer.StartAsync(TestContext.Current.CancellationToken);
                var seen = await viewer.WaitForCommittedAsync(3, TimeSpan.FromSeconds(120));
                await appliance.KillAsync();

                var transcriptsDir = Path.Combine(appliance.DataDirectory, "transcripts");
                var afterKill = Directory.GetFiles(transcriptsDir).ShouldHaveSingleItem();
                var killedText = await File.ReadAllTextAsync(afterKill, TestContext.Current.CancellationToken);
                var committed = await TranscriptFile.ReadCommittedTextAsync(afterKill, TestContext.Current.CancellationToken);
                foreach (var line in seen)
                {
                    committed.ShouldContain(line.Text);
                }

                await appliance.StartAgainAsync();
                (await File.ReadAllTextAsync(afterKill, TestContext.Current.CancellationToken)).ShouldStartWith(killedText);
                var status = await appliance.GetStatusAsync();
                var newSession = status.GetProperty("session").GetProperty("sessionId").GetString()!;
                newSession.ShouldNotBe(seen[0].SessionId);

                // The kiosk lists the killed session as cut off, and exports everything committed before the kill.
                using var kiosk = await KioskSession.UnlockAsync(appliance, "270451");
                var listed = (await kiosk.GetJsonAsync("/api/transcripts")).EnumerateArray()
                    .Single(t => t.GetProperty("id").GetString() == seen[0].SessionId);
                listed.GetProperty("lines").GetInt32().ShouldBe(committed.Count);
                listed.GetProperty("endedAt").ValueKind.ShouldBe(JsonValueKind.Null);
                listed.GetProperty("live").GetBoolean().ShouldBeFalse();
                var exported = await kiosk.GetJsonAsync($"/api/transcripts/{seen[0].SessionId}?format=json");
                exported.GetProperty("lines").EnumerateArray().Select(line => line.GetProperty("text").GetString()).ShouldBe(committed);
                var text = await kiosk.GetStringAsync($"/api/transcripts/{seen[0].SessionId}?format=txt");
                text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(committed.Count);
            }
        }
        finally
        {
            await appliance.DisposeAsync();
        }
    }
}
