using System.Globalization;

namespace LiveStt.Appliance.Models;

/// <summary>
/// A small file next to a cached model (<c>model.bin.verified</c>) recording that the model's SHA-1 was
/// checked, and at which size and modification time. Hashing a multi-hundred-megabyte file on every boot
/// would delay start-up; the stamp is trusted only while size and modification time are unchanged.
/// </summary>
internal static class VerifiedModelStamp
{
    public const string Suffix = ".verified";

    public static string PathFor(string modelPath) => modelPath + Suffix;

    /// <summary>Whether the stamp says <paramref name="model"/> has <paramref name="sha1"/> and the file has not changed since.</summary>
    public static bool Confirms(FileInfo model, string sha1)
    {
        ArgumentNullException.ThrowIfNull(model);
        string text;
        try
        {
            text = File.ReadAllText(PathFor(model.FullName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        var fields = text.Trim().Split(' ');
        return fields.Length == 3
            && string.Equals(fields[0], sha1, StringComparison.OrdinalIgnoreCase)
            && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            && size == model.Length
            && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks == model.LastWriteTimeUtc.Ticks;
    }

    public static void Write(FileInfo model, string sha1)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Refresh();
        var stampPath = PathFor(model.FullName);
        var temporaryPath = stampPath + ".tmp";
        File.WriteAllText(temporaryPath, string.Create(CultureInfo.InvariantCulture, $"{sha1} {model.Length} {model.LastWriteTimeUtc.Ticks}\n"));
        File.Move(temporaryPath, stampPath, overwrite: true);
    }

    public static void Delete(string modelPath) => File.Delete(PathFor(modelPath));
}
