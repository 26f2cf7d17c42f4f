using System.Net.Http.Json;
using System.Text.Json;

namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>Calls of the agent's API that tests make against an in-process agent and an agent process alike.</summary>
public static class AgentClientExtensions
{
    /// <summary>POST /api/updates/check for one service; its result.</summary>
    public static async Task<JsonElement> CheckAsync(this HttpClient client, string service, bool force = false)
    {
        using var response = await client.PostAsync(new Uri($"/api/updates/check?service={service}&force={force}", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>())[0];
    }
}
