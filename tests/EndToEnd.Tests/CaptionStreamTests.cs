using System.Net;
using LiveStt.EndToEnd.Tests.Infrastructure;

namespace LiveStt.EndToEnd.Tests;

/// <summary>Recorded speech in, captions out to a ticketed viewer, through the real image and libwhisper.</summary>
public sealed class CaptionStreamTests(ApplianceContainer appliance)
{
    private static readonly TimeSpan CaptionTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_viewer_with_a_ticket_receives_committed_captions_in_increasing_seq()
    {
        var ticket = await CaptionViewer.GetTicketAsync(appliance);
        await using var viewer = CaptionViewer.Create(appliance, ticket);
        await viewer.StartAsync(TestContext.Current.CancellationToken);

        var committed = await viewer.WaitForCommittedAsync(3, CaptionTimeout);

        committed.ShouldAllBe(c => !string.IsNullOrWhiteSpace(c.Text));
        committed.Select(c => c.SessionId).Distinct().Count().ShouldBe(1);
        var all = viewer.Received.ToList();
        all.Select(c => c.Seq).ShouldBeInOrder(SortDirection.Ascending);
        all.Select(c => c.Seq).Distinct().Count().ShouldBe(all.Count);
        committed.ShouldAllBe(c => c.StartMs <= c.EndMs);
    }

    [Fact]
    public async Task A_viewer_without_a_ticket_is_refused()
    {
        await using var viewer = CaptionViewer.Create(appliance, ticket: null);
        var error = await Should.ThrowAsync<HttpRequestException>(() => viewer.StartAsync(TestContext.Current.CancellationToken));
        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_viewer_with_a_forged_ticket_is_refused()
    {
        var ticket = await CaptionViewer.GetTicketAsync(appliance);
        var dot = ticket.LastIndexOf('.');
        var forged = ticket[..(dot + 1)] + new string(ticket[(dot + 1)..].Reverse().ToArray());
        forged.ShouldNotBe(ticket);

        await using var viewer = CaptionViewer.Create(appliance, forged);
        var error = await Should.ThrowAsync<HttpRequestException>(() => viewer.StartAsync(TestContext.Current.CancellationToken));
        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_used_ticket_does_not_let_a_second_viewer_in()
    {
        var ticket = await CaptionViewer.GetTicketAsync(appliance);
        await using var first = CaptionViewer.Create(appliance, ticket);
        await first.StartAsync(TestContext.Current.CancellationToken);

        await using var second = CaptionViewer.Create(appliance, ticket);
        var error = await Should.ThrowAsync<HttpRequestException>(() => second.StartAsync(TestContext.Current.CancellationToken));
        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Status_reports_the_real_whisper_library_the_model_and_a_live_session()
    {
        var status = await appliance.GetStatusAsync();

        var whisper = status.GetProperty("whisper");
        whisper.GetProperty("binding").GetString().ShouldBe("Whisper.net 1.9.1");
        whisper.GetProperty("version").GetString().ShouldBe("1.8.5");
        whisper.GetProperty("runtime").GetString().ShouldBe("Cpu");
        whisper.GetProperty("libraryPath").GetString().ShouldBe($"/app/runtimes/{(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "linux-arm64" : "linux-x64")}/libwhisper.so");
        whisper.GetProperty("backend").GetString().ShouldBe("CPU");
        whisper.GetProperty("systemInfo").GetString().ShouldNotBeNull().ShouldContain("CPU : ");
        status.GetProperty("model").GetProperty("name").GetString().ShouldBe(appliance.ModelName);
        status.GetProperty("session").GetProperty("state").GetString().ShouldBe("live");
        status.GetProperty("session").GetProperty("audioAlive").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Docker_reports_the_container_healthy()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var health = await appliance.HealthStatusAsync();
        while (health == "starting" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000, TestContext.Current.CancellationToken);
            health = await appliance.HealthStatusAsync();
        }

        health.ShouldBe("healthy");
    }

    [Fact]
    public async Task Committed_captions_are_written_to_the_session_transcript_on_the_volume()
    {
        var ticket = await CaptionViewer.GetTicketAsync(appliance);
        await using var viewer = CaptionViewer.Create(appliance, ticket);
        await viewer.StartAsync(TestContext.Current.CancellationToken);
        var committed = await viewer.WaitForCommittedAsync(1, CaptionTimeout);

        var transcript = Directory.GetFiles(Path.Combine(appliance.DataDirectory, "transcripts"), "*.jsonl")
            .ShouldHaveSingleItem();
        var texts = await TranscriptFile.ReadCommittedTextAsync(transcript, TestContext.Current.CancellationToken);
        texts.ShouldContain(committed[0].Text);
    }
}
