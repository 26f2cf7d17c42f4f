using System.Formats.Tar;
using System.Text;
using System.Text.Json.Nodes;

namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>Makes hostile image tarballs from a real "docker save": entries changed, dropped or added, or the manifest rewritten.</summary>
public static class TarballEditor
{
    /// <summary>A copy in which each entry passes through <paramref name="map"/> (null drops it), then <paramref name="extra"/> follow.</summary>
    public static async Task<byte[]> RewriteAsync(byte[] tarball, Func<TarEntry, TarEntry?> map, params TarEntry[] extra)
    {
        ArgumentNullException.ThrowIfNull(map);
        using var output = new MemoryStream();
        await using (var reader = new TarReader(new MemoryStream(tarball)))
        await using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
            {
                if (map(entry) is { } mapped)
                {
                    await writer.WriteEntryAsync(mapped);
                }
            }
            foreach (var entry in extra)
            {
                await writer.WriteEntryAsync(entry);
            }
        }
        return output.ToArray();
    }

    /// <summary>A copy whose manifest.json has its one image edited.</summary>
    public static Task<byte[]> WithManifestAsync(byte[] tarball, Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return RewriteAsync(tarball, entry =>
        {
            if (entry.Name != "manifest.json")
            {
                return entry;
            }
            var manifest = JsonNode.Parse(entry.DataStream!)!.AsArray();
            edit(manifest[0]!.AsObject());
            return File("manifest.json", manifest.ToJsonString());
        });
    }

    /// <summary>A copy with the given entries added after the real ones.</summary>
    public static Task<byte[]> WithEntriesAsync(byte[] tarball, params TarEntry[] extra) => RewriteAsync(tarball, entry => entry, extra);

    public static PaxTarEntry File(string name, string content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };

    public static PaxTarEntry Link(TarEntryType type, string name, string target) => new(type, name) { LinkName = target };
}
