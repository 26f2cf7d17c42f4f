using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveStt.OpsAgent.Updates;

/// <summary>JSON settings for everything the agent stores or serves.</summary>
internal static class AgentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };
}
