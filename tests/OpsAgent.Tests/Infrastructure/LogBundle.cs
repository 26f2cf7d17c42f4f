using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>Reads a support bundle as the developer who downloaded it would: every file's text by its path.</summary>
public static class LogBundle
{
    public static async Task<Dictionary<string, string>> ExtractAsync(byte[] bundle)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var gzip = new GZipStream(new MemoryStream(bundle), CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(cancellationToken: TestContext.Current.CancellationToken) is { } entry)
        {
            using var reader = new StreamReader(entry.DataStream!, Encoding.UTF8);
            files[entry.Name] = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        }
        return files;
    }
}
