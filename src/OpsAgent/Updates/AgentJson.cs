using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveStt.OpsAgent.Updates;

/// <summary>JSON settings for everything the agent stores or serves.</summary>
internal static class AgentJson
{
    public static readonly JsonSerializerOptions Options = Configure(new(JsonSerializerDefaults.Web));

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    /// <summary>Enums as their names, nulls left out; the API's own options get the same, so its answers read like the files.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}
