using System.Net;
using System.Net.WebSockets;
using System.Text;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Tests.Captions;

namespace LiveStt.Appliance.Tests.Faults;

/// <summary>
/// Bad input on the caption hub, from a client with a valid ticket: frames over the hub's small message limit
/// (viewers send nothing but the handshake and pings), malformed JSON, a bad handshake, no handshake at all. Each such
/// connection is closed; the server stays up, and a viewer connected beside it gets every caption, exactly.
/// </summary>
public sealed class CaptionHubBadInputTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ApplianceTestHost host = null!;
    private Microsoft.AspNetCore.SignalR.Client.HubConnection viewer = null!;
    private ViewerInbox inbox = null!;
    private long seq;

    public async ValueTask InitializeAsync()
    {
        host = ApplianceTestHost.Start();
        viewer = host.CreateViewer((await host.IssueTicketAsync()).Ticket);
        inbox = new ViewerInbox(viewer);
        await viewer.StartAsync(TestContext.Current.CancellationToken);
        (await inbox.NextBacklogAsync()).ShouldBeEmpty();
    }

    public async ValueTask DisposeAsync()
    {
        await viewer.DisposeAsync();
        await host.DisposeAsync();
    }

    public static TheoryData<string, string> AfterTheHandshake => new()
    {
        { "a message over the 4 KiB limit", """{"type":6,"pad":""" + '"' + new string('x', 5000) + "\"}\u001e" },
        { "a frame of 64 KiB with no message end", new string('{', 65_536) },
        { "malformed JSON", """{"type":1,"target":"caption","arguments":[""" + "\u001e" },
        { "JSON that is not a message", "[1,2,3]\u001e" },
        { "an invocation of a method the hub does not have, then garbage", """{"type":1,"target":"Publish","arguments":["forged"]}""" + "\u001e" + "\u0000\u0001garbage\u001e" },
    };

    [Theory]
    [MemberData(nameof(AfterTheHandshake))]
    public async Task Bad_frames_after_the_handshake_close_that_connection_and_no_other(string what, string frame)
    {
        using var bad = await ConnectAsync();
        await bad.SendTextAsync(RawHubSocket.Handshake);
        (await bad.ReceiveAsync(1, Patience)).ShouldBe(["{}"], "the handshake is answered");

        await bad.SendTextAsync(frame);
        var (messages, status) = await bad.ReceiveUntilClosedAsync(Patience);

        TestContext.Current.SendDiagnosticMessage($"{what}: {string.Join(" | ", messages)}; closed with {status}");
        messages.ShouldNotContain(m => m.Contains("\"type\":1", StringComparison.Ordinal) && m.Contains("forged", StringComparison.Ordinal), "nothing a client sends is ever relayed");
        messages[^1].ShouldBe("""{"type":7,"error":"Connection closed with an error.","allowReconnect":true}""", what);
        bad.Socket.State.ShouldNotBe(WebSocketState.Open);
        await ViewerStillGetsCaptionsAsync();
    }

    [Fact]
    public async Task A_handshake_over_the_limit_is_refused_and_the_connection_closed()
    {
        using var bad = await ConnectAsync();

        await bad.SendTextAsync("""{"protocol":"json","version":1,"pad":""" + '"' + new string('x', 5000) + "\"}\u001e");
        var (messages, _) = await bad.ReceiveUntilClosedAsync(Patience);

        messages.ShouldBe(["""{"error":"Handshake was canceled."}"""]);
        bad.Socket.State.ShouldNotBe(WebSocketState.Open);
        await ViewerStillGetsCaptionsAsync();
    }

    [Theory]
    [InlineData("""{"protocol":"bogus","version":1}""", """{"error":"The protocol 'bogus' is not supported."}""")]
    [InlineData("""{"protocol":"json","version":99}""", """{"error":"The server does not support version 99 of the 'json' protocol."}""")]
    public async Task A_bad_handshake_is_answered_with_an_error_and_the_connection_closed(string handshake, string answer)
    {
        using var bad = await ConnectAsync();

        await bad.SendTextAsync(handshake + RawHubSocket.RecordSeparator);
        var (messages, _) = await bad.ReceiveUntilClosedAsync(Patience);

        messages.ShouldBe([answer]);
        bad.Socket.State.ShouldNotBe(WebSocketState.Open);
        await ViewerStillGetsCaptionsAsync();
    }

    [Fact]
    public async Task A_handshake_that_is_not_json_closes_the_connection()
    {
        using var bad = await ConnectAsync();

        await bad.SendAsync(Encoding.UTF8.GetBytes("GET / HTTP/1.1\r\n\r\n\u001e"), WebSocketMessageType.Binary);
        var (messages, _) = await bad.ReceiveUntilClosedAsync(Patience);

        messages.ShouldBe(["""{"error":"An unexpected error occurred during connection handshake."}"""]);
        await ViewerStillGetsCaptionsAsync();
    }

    [Fact]
    public async Task A_socket_that_never_sends_the_handshake_is_closed_after_the_handshake_timeout()
    {
        using var silent = await ConnectAsync();

        var (messages, _) = await silent.ReceiveUntilClosedAsync(TimeSpan.FromSeconds(45));

        messages.ShouldBe(["""{"error":"Handshake was canceled."}"""], "a viewer that never completed the handshake is never sent captions");
        silent.Socket.State.ShouldNotBe(WebSocketState.Open);
        await ViewerStillGetsCaptionsAsync();
    }

    private async Task<RawHubSocket> ConnectAsync()
    {
        var (socket, status) = await RawHubSocket.TryConnectAsync(host.BaseAddress, (await host.IssueTicketAsync()).Ticket);
        status.ShouldBe(HttpStatusCode.SwitchingProtocols);
        return socket.ShouldNotBeNull();
    }

    /// <summary>The well-behaved viewer gets the next caption, exactly as published, and the server still answers.</summary>
    private async Task ViewerStillGetsCaptionsAsync()
    {
        var caption = new CaptionEvent("s1", ++seq, CaptionKind.Committed, $"Line {seq} after the bad client.", seq * 1000, (seq * 1000) + 900);
        await host.Publisher.PublishAsync(caption, TestContext.Current.CancellationToken);

        var received = await inbox.NextCaptionAsync();
        (received.GetProperty("seq").GetInt64(), received.GetProperty("kind").GetString(), received.GetProperty("text").GetString())
            .ShouldBe((caption.Seq, "committed", caption.Text));
        (await host.Http.GetAsync(new Uri("/api/status", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
