using System.Text.Json;
using System.Threading.Channels;
using LiveStt.Appliance.Captions;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveStt.Appliance.Tests.Captions;

/// <summary>Everything a test viewer receives, as raw JSON in arrival order.</summary>
internal sealed class ViewerInbox
{
    private readonly Channel<(string Method, JsonElement Payload)> _messages = Channel.CreateUnbounded<(string, JsonElement)>();

    public ViewerInbox(HubConnection connection)
    {
        connection.On<JsonElement>(CaptionHub.CaptionMethod, payload => _messages.Writer.TryWrite((CaptionHub.CaptionMethod, payload)));
        connection.On<JsonElement>(CaptionHub.BacklogMethod, payload => _messages.Writer.TryWrite((CaptionHub.BacklogMethod, payload)));
    }

    public async Task<(string Method, JsonElement Payload)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _messages.Reader.ReadAsync(timeout.Token);
    }

    public async Task<JsonElement[]> NextBacklogAsync()
    {
        var (method, payload) = await NextAsync();
        method.ShouldBe(CaptionHub.BacklogMethod);
        return [.. payload.EnumerateArray()];
    }

    public async Task<JsonElement> NextCaptionAsync()
    {
        var (method, payload) = await NextAsync();
        method.ShouldBe(CaptionHub.CaptionMethod);
        return payload;
    }
}
