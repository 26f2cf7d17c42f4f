using System.IO.Compression;
using System.Text;

namespace LiveStt.Appliance.Guards;

/// <summary>OpenAI whisper's compression ratio: how many times smaller zlib makes the UTF-8 text.</summary>
internal static class CompressionRatio
{
    /// <summary>UTF-8 bytes over zlib-compressed bytes (zlib's default level, as Python's zlib.compress uses).</summary>
    public static double Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length == 0)
        {
            return 0;
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(bytes);
        }

        return (double)bytes.Length / compressed.Length;
    }
}
