using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveStt.Appliance.Tests.Captions;
using LiveStt.Appliance.Transcripts;
using Microsoft.Extensions.DependencyInjection;

namespace LiveStt.Appliance.Tests.Transcripts;

/// <summary>The Transcripts tab's API: listed, downloaded in four formats and deleted, behind the kiosk's PIN.</summary>
public sealed class TranscriptsApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Transcripts_are_listed_newest_first_with_their_length_and_how_they_ended()
    {
        await using var host = ApplianceTestHost.Start();
        var folder = Path.Combine(host.DataDirectory, "transcripts");
        TranscriptSamples.Write(folder, "0000000a", [(0, 1500, "Welcome.")]);
        TranscriptSamples.Write(folder, "0000000b", [(0, 1500, "Good morning."), (2000, 6200, "Please sit.")], ended: false,
            startedAt: TranscriptSamples.StartedAt.AddDays(7));
        File.WriteAllText(Path.Combine(folder, "notes.jsonl"), "{}");
        using var kiosk = await host.UnlockedKioskAsync();

        var list = await kiosk.Http.GetFromJsonAsync<JsonElement>("/api/transcripts", Token);

        list.GetRawText().ShouldBe(
            """[{"id":"0000000b","startedAt":"2026-12-13T09:58:01.123+00:00","endedAt":null,"durationMs":6200,"lines":2,"endReason":null,"live":false},""" +
            """{"id":"0000000a","startedAt":"2026-12-06T09:58:01.123+00:00","endedAt":"2026-12-06T10:01:01.123+00:00","durationMs":180000,"lines":1,"endReason":"stopped","live":false}]""");
    }

    [Theory]
    [InlineData("txt", "text/plain; charset=utf-8", "[00:00:02] Let us pray.\n")]
    [InlineData("srt", "application/x-subrip; charset=utf-8", "1\n00:00:02,000 --> 00:00:04,500\nLet us pray.\n\n")]
    [InlineData("vtt", "text/vtt; charset=utf-8", "WEBVTT\n\n00:00:02.000 --> 00:00:04.500\nLet us pray.\n\n")]
    public async Task A_transcript_downloads_as_a_named_file(string format, string contentType, string body)
    {
        await using var host = ApplianceTestHost.Start();
        TranscriptSamples.Write(Path.Combine(host.DataDirectory, "transcripts"), "1a2b3c4d", [(2000, 4500, "Let us pray.")]);
        using var kiosk = await host.UnlockedKioskAsync();

        using var response = await kiosk.GetAsync($"/api/transcripts/1a2b3c4d?format={format}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe(contentType);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"captions-2026-12-06-0958-1a2b3c4d.{format}");
        (await response.Content.ReadAsStringAsync(Token)).ShouldBe(body);
    }

    [Fact]
    public async Task The_json_export_holds_every_field_of_every_line()
    {
        await using var host = ApplianceTestHost.Start();
        TranscriptSamples.Write(Path.Combine(host.DataDirectory, "transcripts"), "1a2b3c4d", [(2000, 4500, "Let us pray.")]);
        using var kiosk = await host.UnlockedKioskAsync();

        var json = await kiosk.Http.GetFromJsonAsync<JsonElement>("/api/transcripts/1a2b3c4d?format=json", Token);

        json.GetProperty("lines").GetRawText().ShouldBe(
            """[{"seq":1,"startMs":2000,"endMs":4500,"committedAt":"2026-12-06T09:58:06.523+00:00","text":"Let us pray."}]""");
        json.GetProperty("id").GetString().ShouldBe("1a2b3c4d");
        json.GetProperty("durationMs").GetInt64().ShouldBe(180_000);
    }

    [Theory]
    [InlineData("..%2F..%2Fkeys%2Fkey-1")]
    [InlineData("..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("20261206-095801-1a2b3c4d.jsonl")]
    [InlineData("1A2B3C4D")]
    [InlineData("%2Fetc%2Fpasswd")]
    public async Task An_id_that_is_not_a_session_id_is_never_a_path(string id)
    {
        await using var host = ApplianceTestHost.Start();
        TranscriptSamples.Write(Path.Combine(host.DataDirectory, "transcripts"), "1a2b3c4d", [(0, 1000, "kept")]);
        using var kiosk = await host.UnlockedKioskAsync();

        using var export = await kiosk.GetAsync($"/api/transcripts/{id}?format=txt");
        using var delete = await kiosk.DeleteAsync($"/api/transcripts/{id}");

        export.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        delete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await export.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString().ShouldBe("A session id is 8 hex digits.");
        Directory.GetFiles(Path.Combine(host.DataDirectory, "transcripts")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_deleted_transcript_is_gone_and_an_unknown_format_is_refused()
    {
        await using var host = ApplianceTestHost.Start();
        var path = TranscriptSamples.Write(Path.Combine(host.DataDirectory, "transcripts"), "1a2b3c4d", [(0, 1000, "gone")]);
        using var kiosk = await host.UnlockedKioskAsync();

        using var format = await kiosk.GetAsync("/api/transcripts/1a2b3c4d?format=docx");
        using var delete = await kiosk.DeleteAsync("/api/transcripts/1a2b3c4d");
        using var again = await kiosk.DeleteAsync("/api/transcripts/1a2b3c4d");

        format.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await format.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("errors").GetProperty("format")[0].GetString()
            .ShouldBe("Choose txt, srt, vtt or json.");
        delete.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        File.Exists(path).ShouldBeFalse();
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Transcripts_need_the_kiosk_session_and_a_delete_needs_the_forgery_token()
    {
        await using var host = ApplianceTestHost.Start();
        var path = TranscriptSamples.Write(Path.Combine(host.DataDirectory, "transcripts"), "1a2b3c4d", [(0, 1000, "private")]);
        using var kiosk = await host.UnlockedKioskAsync();

        using var list = await host.Http.GetAsync("/api/transcripts", Token);
        using var export = await host.Http.GetAsync("/api/transcripts/1a2b3c4d?format=txt", Token);
        using var forged = await kiosk.SendAsync(HttpMethod.Delete, "/api/transcripts/1a2b3c4d", withToken: false);

        list.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        export.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        File.Exists(path).ShouldBeTrue();
    }

    [Fact]
    public async Task Transcripts_older_than_the_retention_are_deleted_and_newer_ones_kept()
    {
        await using var host = ApplianceTestHost.Start(new Dictionary<string, string?> { ["Transcripts:RetentionDays"] = "30" });
        var folder = Path.Combine(host.DataDirectory, "transcripts");
        var old = TranscriptSamples.Write(folder, "0000000a", [(0, 1000, "old")]);
        var recent = TranscriptSamples.Write(folder, "0000000b", [(0, 1000, "recent")]);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-31));
        File.SetLastWriteTimeUtc(recent, DateTime.UtcNow.AddDays(-29));

        host.Services.GetRequiredService<TranscriptRetention>().DeleteExpired().ShouldBe(1);

        File.Exists(old).ShouldBeFalse();
        File.Exists(recent).ShouldBeTrue();
    }
}
