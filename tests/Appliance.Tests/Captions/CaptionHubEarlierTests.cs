using System.Text.Json;
using LiveStt.Appliance.Captions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveStt.Appliance.Tests.Captions;

/// <summary>The hub's <c>Earlier</c>, through a real SignalR client, reading a session the real transcript writer wrote.</summary>
public sealed class CaptionHubEarlierTests : IAsyncLifetime
{
    private ApplianceTestHost host = null!;

    public ValueTask InitializeAsync()
    {
        host = ApplianceTestHost.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Paging_back_through_a_long_session_returns_every_line_once_oldest_first_in_each_page()
    {
        using var session = CommittingSession.Open(host, "ea21e500");
        await session.CommitAsync(260);
        await using var viewer = await ConnectAsync();

        var pages = new List<JsonElement>();
        var before = session.Committed[^1].Seq + 1;
        while (true)
        {
            var page = await viewer.InvokeAsync<JsonElement>("Earlier", session.SessionId, before, 30, TestContext.Current.CancellationToken);
            pages.Add(page);
            var lines = page.GetProperty("lines").EnumerateArray().ToList();
            if (!page.GetProperty("more").GetBoolean())
            {
                break;
            }

            lines.Count.ShouldBe(30);
            before = lines[0].GetProperty("seq").GetInt64();
        }

        pages.Count.ShouldBe(9);
        pages.Select(page => page.GetProperty("lines").GetArrayLength()).ShouldBe([30, 30, 30, 30, 30, 30, 30, 30, 20]);
        var all = pages.AsEnumerable().Reverse().SelectMany(page => page.GetProperty("lines").EnumerateArray())
            .Select(line => (line.GetProperty("seq").GetInt64(), line.GetProperty("text").GetString()!))
            .ToList();
        all.ShouldBe(session.Committed);
        pages[0].GetProperty("lines")[0].EnumerateObject().Select(property => property.Name)
            .ShouldBe(["sessionId", "seq", "kind", "text", "startMs", "endMs"]);
        pages[0].GetProperty("lines")[0].GetProperty("kind").GetString().ShouldBe("committed");
    }

    [Fact]
    public async Task Earlier_than_a_line_in_the_middle_returns_the_count_nearest_it()
    {
        using var session = CommittingSession.Open(host, "ea21e501");
        await session.CommitAsync(12);
        await using var viewer = await ConnectAsync();

        var page = await viewer.InvokeAsync<JsonElement>("Earlier", session.SessionId, session.Committed[7].Seq, 3, TestContext.Current.CancellationToken);
        var first = await viewer.InvokeAsync<JsonElement>("Earlier", session.SessionId, session.Committed[3].Seq, 200, TestContext.Current.CancellationToken);

        Lines(page).ShouldBe(session.Committed[4..7]);
        page.GetProperty("more").GetBoolean().ShouldBeTrue();
        Lines(first).ShouldBe(session.Committed[..3]);
        first.GetProperty("more").GetBoolean().ShouldBeFalse();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(201)]
    public async Task A_count_outside_1_to_200_is_refused_saying_so(int count)
    {
        await using var viewer = await ConnectAsync();

        var refused = await Should.ThrowAsync<HubException>(() => viewer.InvokeAsync<JsonElement>("Earlier", "ea21e500", 10L, count, TestContext.Current.CancellationToken));

        refused.Message.ShouldBe($"An unexpected error occurred invoking 'Earlier' on the server. HubException: count must be between 1 and 200; it was {count}.");
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("EA21E502")]
    [InlineData("ea21e50")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0000aaaa")]
    public async Task An_unknown_or_malformed_session_has_no_lines(string? sessionId)
    {
        using var session = CommittingSession.Open(host, "ea21e502");
        await session.CommitAsync(3);
        await using var viewer = await ConnectAsync();

        var page = await viewer.InvokeAsync<JsonElement>("Earlier", sessionId, 100L, 50, TestContext.Current.CancellationToken);

        page.GetRawText().ShouldBe("""{"lines":[],"more":false}""");
    }

    [Fact]
    public async Task A_connection_asking_again_and_again_is_held_back_and_others_are_not()
    {
        using var session = CommittingSession.Open(host, "ea21e503");
        await session.CommitAsync(3);
        await using var greedy = await ConnectAsync();
        await using var other = await ConnectAsync();

        var answers = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            try
            {
                await greedy.InvokeAsync<JsonElement>("Earlier", session.SessionId, 100L, 1, TestContext.Current.CancellationToken);
                answers.Add("lines");
            }
            catch (HubException refused)
            {
                answers.Add(refused.Message);
            }
        }

        answers.Take(CaptionHub.EarlierBurst).ShouldAllBe(answer => answer == "lines");
        answers.ShouldContain("An unexpected error occurred invoking 'Earlier' on the server. HubException: Too many requests for earlier lines: 10 at once, then one every 1 s. Wait, then ask again.");
        Lines(await other.InvokeAsync<JsonElement>("Earlier", session.SessionId, 100L, 1, TestContext.Current.CancellationToken)).ShouldBe(session.Committed[2..]);
    }

    private static List<(long Seq, string Text)> Lines(JsonElement page) =>
        [.. page.GetProperty("lines").EnumerateArray().Select(line => (line.GetProperty("seq").GetInt64(), line.GetProperty("text").GetString()!))];

    private async Task<HubConnection> ConnectAsync()
    {
        var viewer = host.CreateViewer((await host.IssueTicketAsync()).Ticket);
        await viewer.StartAsync(TestContext.Current.CancellationToken);
        return viewer;
    }
}
