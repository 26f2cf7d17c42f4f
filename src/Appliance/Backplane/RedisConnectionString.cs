using StackExchange.Redis;

namespace LiveStt.Appliance.Backplane;

/// <summary>Reads <see cref="Captions.CaptionDeliveryOptions.Redis"/> without ever repeating it: it may hold a password.</summary>
internal static class RedisConnectionString
{
    public static bool TryParse(string value, out string problem)
    {
        try
        {
            var options = ConfigurationOptions.Parse(value);
            if (options.EndPoints.Count == 0)
            {
                problem = "it names no server (host:port).";
                return false;
            }

            problem = string.Empty;
            return true;
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message.Split('\n')[0];
            return false;
        }
    }

    /// <summary>
    /// Options for a connection that outlives Redis restarts: the first connect does not fail the box, and the client
    /// keeps reconnecting in the background.
    /// </summary>
    public static ConfigurationOptions ForBackplane(string value)
    {
        var options = ConfigurationOptions.Parse(value);
        options.AbortOnConnectFail = false;
        options.ConnectRetry = int.MaxValue;
        options.ConnectTimeout = 5000;
        options.ClientName ??= "livestt";
        return options;
    }
}
