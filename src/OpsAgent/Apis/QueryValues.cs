using System.Globalization;

namespace LiveStt.OpsAgent.Apis;

/// <summary>
/// Reads query values the endpoints take as text, so a bad one is answered with what it should be rather than the
/// bare 400 of a failed binding. A value given empty counts as given, and wrong.
/// </summary>
internal static class QueryValues
{
    public static bool Flag(string? text, string key, IDictionary<string, string[]> errors)
    {
        if (text is null || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        errors[key] = [$"{key} must be true or false."];
        return false;
    }

    public static int WholeNumber(string? text, string key, int fallback, int min, int max, IDictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        errors[key] = [string.Create(CultureInfo.InvariantCulture, $"{key} must be a whole number from {min} to {max}.")];
        return fallback;
    }

    public static double Number(string? text, string key, double fallback, double min, double max, IDictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return fallback;
        }
        // NaN fails both comparisons and infinities the range, so neither gets through as a window.
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        errors[key] = [string.Create(CultureInfo.InvariantCulture, $"{key} must be a number from {min} to {max}.")];
        return fallback;
    }
}
