using System.Text.Json;
using System.Text.Json.Serialization;
using LiveStt.Appliance.Captions;

namespace LiveStt.Appliance.Backplane;

/// <summary>Events in Redis are written as viewers read them: camelCase, kinds and states as words.</summary>
internal static class BackplaneJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static CaptionEvent? ReadCaption(string json) => JsonSerializer.Deserialize<CaptionEvent>(json, Options);

    public static SessionNotice? ReadNotice(string json) => JsonSerializer.Deserialize<SessionNotice>(json, Options);
}
