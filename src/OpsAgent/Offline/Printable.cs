using System.Globalization;
using System.Text;

namespace LiveStt.OpsAgent.Offline;

/// <summary>
/// A name from an uploaded file, made fit to quote in a refusal, the history and the log: control and non-ASCII
/// characters written as \uXXXX (so a look-alike letter shows as what it is), and cut short when long.
/// </summary>
internal static class Printable
{
    private const int MaxShown = 120;

    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = new StringBuilder();
        foreach (var c in text.Take(MaxShown))
        {
            if (c is >= ' ' and <= '~')
            {
                shown.Append(c);
            }
            else
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }
        if (text.Length > MaxShown)
        {
            shown.Append(CultureInfo.InvariantCulture, $"… ({text.Length} characters)");
        }
        return shown.ToString();
    }
}
