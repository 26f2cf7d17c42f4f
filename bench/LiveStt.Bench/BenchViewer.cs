using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveStt.Bench;

/// <summary>A phone as the benchmarks see it: a ticket, then the caption hub, noting when each committed caption arrives.</summary>
internal static class BenchViewer
{
    /// <summary>Connects once the appliance answers (tried every 100 ms, <paramref name="attempts"/> times).</summary>
    public static async Task<HubConnection> ConnectAsync(HttpClient http, Action<DateTimeOffset, JsonElement> onCommitted, int attempts)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await http.PostAsync("/api/tickets", content: null);
                response.EnsureSuccessStatusCode();
                var ticket = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString();
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(http.BaseAddress!, "/hubs/captions"), options => options.AccessTokenProvider = () => Task.FromResult(ticket))
                    .Build();
                connection.On<JsonElement>("caption", caption =>
                {
                    var at = DateTimeOffset.UtcNow;
                    if (caption.GetProperty("kind").GetString() == "committed")
                    {
                        onCommitted(at, caption);
                    }
                });
                await connection.StartAsync();
                return connection;
            }
            catch (HttpRequestException) when (attempt < attempts)
            {
                await Task.Delay(100);
            }
        }
    }
}
